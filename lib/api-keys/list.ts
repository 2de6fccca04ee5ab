import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { toApiKeyDto } from "./dto";
import type { ApiKeyDto } from "./dto-schemas";

/** An account's keys, newest first, expired ones too (their `expiresAt` says so). Never a hash. */
export async function listApiKeys(userId: string): Promise<ApiKeyDto[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      expiresAt: apiKeys.expiresAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(toApiKeyDto);
}
