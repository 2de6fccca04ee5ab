import "server-only";
import { and, count, eq, gt, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { hashToken, newToken } from "../crypto/tokens";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { requireRecentAuth } from "../security/recent-auth";
import type { Caller } from "../sessions/resolve";
import { validate } from "../validation";
import { toApiKeyDto } from "./dto";
import type { CreatedApiKey } from "./dto-schemas";
import { createApiKeySchema } from "./schemas";
import { API_KEY_PREFIX, DISPLAY_PREFIX_LENGTH, MAX_LIVE_API_KEYS } from "./scopes";
import { refuseApiKeyCaller } from "./refuse";

export const TOO_MANY_API_KEYS = `You already have ${MAX_LIVE_API_KEYS} keys: revoke one you no longer use first.`;

/**
 * Makes a key for the caller: a signed-in session (never a key) inside the re-authentication window. The key
 * (`acc_` + 32 random bytes) is answered once; only its SHA-256 and first characters are kept. At most
 * MAX_LIVE_API_KEYS unexpired keys: counted after the account's row is locked (`for update`), in a statement of
 * its own, so parallel creates take turns and the last of them sees every key the others made.
 */
export async function createApiKey(caller: Caller, input: unknown, client: ClientInfo): Promise<Result<CreatedApiKey>> {
  const refused = refuseApiKeyCaller(caller);
  if (!refused.ok) return refused;
  const recent = requireRecentAuth(caller);
  if (!recent.ok) return recent;
  const parsed = validate(createApiKeySchema, input);
  if (!parsed.ok) return parsed;
  const { name, scopes, expiresInDays } = parsed.value;
  const key = API_KEY_PREFIX + newToken().token;
  const hash = hashToken(key); // the whole key, as lib/api-keys/resolve.ts looks it up
  const userId = caller.user.id;

  const db = await getDb();
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    if (!locked) return fail("unauthorized", "Sign in first.");
    const [live] = await tx
      .select({ n: count() })
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, userId), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`))));
    if (Number(live?.n ?? 0) >= MAX_LIVE_API_KEYS) {
      return fail("conflict", TOO_MANY_API_KEYS, { reason: "too_many_api_keys" });
    }
    const [row] = await tx
      .insert(apiKeys)
      .values({
        userId,
        name,
        prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
        keyHash: hash,
        scopes,
        expiresAt: expiresInDays ? sql`now() + make_interval(days => ${expiresInDays})` : null,
      })
      .returning();
    await recordEvent(
      "api_key.created",
      { ...client, userId, detail: { name, prefix: row!.prefix, scopes: scopes.join(" ") } },
      tx,
    );
    const { id, name: named, prefix, scopes: granted, createdAt, expiresAt } = toApiKeyDto(row!);
    return ok({ apiKey: { id, name: named, prefix, scopes: granted, createdAt, expiresAt }, key });
  });
}
