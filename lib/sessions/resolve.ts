import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { hashToken, isWellFormedToken } from "../crypto/tokens";
import { recoveryCodesLeftColumn, toUserDto, userDtoColumns, type UserDto } from "../users/dto";
import { idleExpiry } from "./idle";

export type CurrentSession = {
  id: string;
  kind: "browser" | "api";
  expiresAt: Date;
  /** When the holder last proved who they are (sign-in or re-authentication): lib/security/recent-auth.ts. */
  reauthenticatedAt: Date;
};

export type Caller = {
  session: CurrentSession;
  user: UserDto;
  role: "user" | "admin";
  /** Set when an API key calls (lib/api-keys/resolve.ts): its id and scopes; absent for a session. */
  apiKey?: { id: string; scopes: readonly string[] };
};

const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * The lookup every authenticated request makes, built once per database handle: drizzle's query
 * building (walking the selection, rendering the SQL) costs more CPU than PostgreSQL's indexed lookup,
 * so the hot path only fills in the token hash. It selects just the columns a caller needs.
 */
function buildCallerQuery(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      kind: sessions.kind,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      reauthenticatedAt: sessions.reauthenticatedAt,
      role: users.role,
      disabledAt: users.disabledAt,
      ...userDtoColumns,
      recoveryCodesLeft: recoveryCodesLeftColumn,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder("tokenHash")))
    .limit(1)
    .prepare("resolve_session_token");
}

const callerQueries = new WeakMap<Db, ReturnType<typeof buildCallerQuery>>();

function callerQuery(db: Db) {
  let query = callerQueries.get(db);
  if (!query) {
    query = buildCallerQuery(db);
    callerQueries.set(db, query);
  }
  return query;
}

/**
 * Token → caller, in one indexed query (token hash → session joined with its user). A session past
 * its lifetime, or unused for SESSION_IDLE_DAYS, is deleted and answers null; `last seen` is written at most once a minute.
 */
export async function resolveSessionToken(token: string | null | undefined): Promise<Caller | null> {
  if (!token || !isWellFormedToken(token)) return null;
  const db = await getDb();
  const [row] = await callerQuery(db).execute({ tokenHash: hashToken(token) });
  if (!row || row.disabledAt) return null;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || idleExpiry(row.lastSeenAt, row.expiresAt).getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, row.sessionId));
    return null;
  }
  if (now - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.id, row.sessionId), lt(sessions.lastSeenAt, sql`now() - interval '1 minute'`)));
  }
  return {
    session: {
      id: row.sessionId,
      kind: row.kind,
      expiresAt: row.expiresAt,
      reauthenticatedAt: row.reauthenticatedAt,
    },
    user: toUserDto(row, Number(row.recoveryCodesLeft)),
    role: row.role,
  };
}
