import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { UUID_PATTERN } from "../validation";

/**
 * Revokes one of the owner's API keys from the access list: deletes the row (ownership in the statement), so the
 * key is refused from its next request. False for another account's key, an unknown id or one that is not a UUID.
 * A stand-in until lib/api-keys/ (issue 30, helper E) offers its own revoke, which records `api_key.revoked`.
 */
export async function revokeOwnApiKey(userId: string, keyId: string): Promise<boolean> {
  if (!UUID_PATTERN.test(keyId)) return false;
  const db = await getDb();
  const deleted = await db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId)))
    .returning({ id: apiKeys.id });
  return deleted.length > 0;
}
