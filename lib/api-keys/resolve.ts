import "server-only";
import { and, eq, lt, or, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import { hashToken } from "../crypto/tokens";
import type { Caller } from "../sessions/resolve";
import { recoveryCodesLeftColumn, toUserDto, userDtoColumns } from "../users/dto";
import { API_KEY_PREFIX } from "./scopes";

const LAST_USED_RESOLUTION_MS = 60_000;
const WELL_FORMED = /^acc_[A-Za-z0-9_-]{43}$/;

function buildKeyQuery(db: Db) {
  return db
    .select({
      keyId: apiKeys.id,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
      expiresAt: apiKeys.expiresAt,
      disabledAt: users.disabledAt,
      ...userDtoColumns,
      recoveryCodesLeft: recoveryCodesLeftColumn,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.keyHash, sql.placeholder("keyHash")))
    .limit(1)
    .prepare("resolve_api_key");
}

const keyQueries = new WeakMap<Db, ReturnType<typeof buildKeyQuery>>();

/** Whether a bearer token is an API key's (and so is looked up here, not among sessions). */
export const isApiKeyToken = (token: string | null | undefined): token is string =>
  !!token && token.startsWith(API_KEY_PREFIX);

/**
 * `acc_…` → the caller it acts for, in one indexed query (key hash → key joined with its user), prepared once per
 * database handle like the session lookup. An unknown, revoked or expired key, or a disabled account, is
 * signed out (null). The caller carries `apiKey` (its id and scopes) and a stand-in session of kind `api` that
 * never counts as a recent proof, so nothing behind re-authentication is reachable with a key. `last_used_at`
 * is written at most once a minute.
 */
export async function resolveApiKey(token: string | null | undefined): Promise<Caller | null> {
  if (!token || !WELL_FORMED.test(token)) return null;
  const db = await getDb();
  let query = keyQueries.get(db);
  if (!query) keyQueries.set(db, (query = buildKeyQuery(db)));
  const [row] = await query.execute({ keyHash: hashToken(token) });
  if (!row || row.disabledAt) return null;
  const now = Date.now();
  if (row.expiresAt && row.expiresAt.getTime() <= now) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.id, row.keyId),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
        ),
      );
  }
  return {
    session: {
      id: row.keyId,
      kind: "api",
      expiresAt: row.expiresAt ?? new Date(8_640_000_000_000_000),
      reauthenticatedAt: new Date(0),
      impersonator: null,
    },
    user: toUserDto(row, Number(row.recoveryCodesLeft)),
    // A key never wields its owner's administrator role: every admin check (routes, post removal) refuses it.
    role: "user",
    apiKey: { id: row.keyId, scopes: row.scopes },
  };
}
