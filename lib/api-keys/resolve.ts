import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { hashToken } from "../crypto/tokens";
import { rawDate, rawRows, type RawRow } from "../db-statement";
import type { Caller } from "../sessions/resolve";
import type { UserDto } from "../users/dto";
import { rawUserDto, USER_DTO_SQL } from "../users/raw-dto";
import { API_KEY_PREFIX } from "./scopes";

const LAST_USED_RESOLUTION_MS = 60_000;
const WELL_FORMED = /^acc_[A-Za-z0-9_-]{43}$/;
/** A key that never expires: the stand-in session's end (the largest Date). */
const NEVER = 8_640_000_000_000_000;

/**
 * Key hash → key joined with its user, one probe of each unique index, the same user columns as the session
 * lookup (lib/users/raw-dto.ts). Run straight on the driver and mapped by hand like lib/sessions/resolve.ts
 * (lib/db-statement.ts); the column order here is the order `toKeyRow` reads.
 */
const KEY_SQL = `select k.id, k.scopes, k.last_used_at, k.expires_at, u.disabled_at, ${USER_DTO_SQL}
from api_keys k join users u on u.id = k.user_id
where k.key_hash = $1`;

type KeyRow = {
  keyId: string;
  scopes: string[];
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  disabledAt: Date | null;
  user: UserDto;
};

function toKeyRow(r: RawRow): KeyRow {
  return {
    keyId: r[0] as string,
    // jsonb: both drivers parse it (postgres.js and PGlite keep their JSON parser; lib/db-statement.ts only
    // keeps timestamps as text).
    scopes: r[1] as string[],
    lastUsedAt: rawDate(r[2]),
    expiresAt: rawDate(r[3]),
    disabledAt: rawDate(r[4]),
    user: rawUserDto(r, 5),
  };
}

/** Whether a bearer token is an API key's (and so is looked up here, not among sessions). */
export const isApiKeyToken = (token: string | null | undefined): token is string =>
  !!token && token.startsWith(API_KEY_PREFIX);

/**
 * `acc_…` → the caller it acts for, in one indexed query (KEY_SQL). An unknown, revoked (deleted) or expired
 * key, or a disabled account, is signed out (null). The caller carries `apiKey` (its id and scopes) and a
 * stand-in session of kind `api` that never counts as a recent proof, so nothing behind re-authentication is
 * reachable with a key. `last_used_at` is written at most once a minute.
 */
export async function resolveApiKey(token: string | null | undefined): Promise<Caller | null> {
  if (!token || !WELL_FORMED.test(token)) return null;
  const db = await getDb();
  const [raw] = await rawRows(db, KEY_SQL, [hashToken(token)]);
  if (!raw) return null;
  const row = toKeyRow(raw);
  if (row.disabledAt) return null;
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
      expiresAt: row.expiresAt ?? new Date(NEVER),
      reauthenticatedAt: new Date(0),
      impersonator: null,
    },
    user: row.user,
    // A key never wields its owner's administrator role: every admin check (routes, post removal) refuses it.
    role: "user",
    apiKey: { id: row.keyId, scopes: row.scopes },
  };
}
