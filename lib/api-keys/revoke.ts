import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { apiKeys } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { refuseImpersonation } from "../security/recent-auth";
import type { Caller } from "../sessions/resolve";
import { refuseApiKeyCaller } from "./refuse";

export const API_KEY_NOT_FOUND = "No such API key.";

/**
 * Revokes one of the caller's keys at once (its next request is signed out). Another account's key is not
 * found, like an unknown one: the owner is part of the one `DELETE`. A key cannot revoke keys.
 */
export async function revokeApiKey(caller: Caller, id: string, client: ClientInfo): Promise<Result<void>> {
  const refused = refuseApiKeyCaller(caller);
  if (!refused.ok) return refused;
  // An administrator acting as the owner changes no keys.
  const acting = refuseImpersonation(caller.session);
  if (!acting.ok) return acting;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(apiKeys)
      .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, caller.user.id)))
      .returning({ name: apiKeys.name, prefix: apiKeys.prefix });
    if (!gone) return fail("not_found", API_KEY_NOT_FOUND);
    await recordEvent("api_key.revoked", { ...client, userId: caller.user.id, detail: { ...gone } }, tx);
    return ok(undefined);
  });
}

/** Every key of the account ends, in the caller's transaction: a password reset, an account disabled. */
export async function endApiKeys(userId: string, tx: Db | Tx): Promise<number> {
  const gone = await tx.delete(apiKeys).where(eq(apiKeys.userId, userId)).returning({ id: apiKeys.id });
  return gone.length;
}
