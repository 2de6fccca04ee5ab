import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { hashToken, isWellFormedToken } from "../crypto/tokens";
import { recoveryCodesLeftColumn, toUserDto, userDtoColumns, type UserDto } from "../users/dto";
import { markRequestActor } from "../process-store.mjs";
import { idleExpiry } from "./idle";

/** The administrator acting through an impersonation session (lib/admin/impersonation.ts), and why. */
export type Impersonator = { id: string; username: string; reason: string };

export type CurrentSession = {
  id: string;
  kind: "browser" | "api";
  expiresAt: Date;
  /** When the holder last proved who they are (sign-in or re-authentication): lib/security/recent-auth.ts. */
  reauthenticatedAt: Date;
  /**
   * Set when an administrator is acting as the account through this session: lib/security/recent-auth.ts
   * refuses every sensitive change to such a caller, and lib/admin/access.ts every admin route.
   */
  impersonator: Impersonator | null;
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
  const parent = alias(sessions, "parent_session");
  const impersonator = alias(users, "impersonator");
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
      // An impersonation's administrator and own session, joined by primary key in the same query: null columns
      // for the owner's own sessions, and an impersonation whose administrator's session is gone.
      impersonatorId: sessions.impersonatorId,
      impersonationReason: sessions.impersonationReason,
      impersonatorUsername: impersonator.username,
      impersonatorRole: impersonator.role,
      impersonatorDisabledAt: impersonator.disabledAt,
      parentExpiresAt: parent.expiresAt,
      parentLastSeenAt: parent.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(impersonator, eq(impersonator.id, sessions.impersonatorId))
    .leftJoin(parent, eq(parent.id, sessions.parentSessionId))
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

type CallerRow = Awaited<ReturnType<ReturnType<typeof buildCallerQuery>["execute"]>>[number];

const alive = (expiresAt: Date, lastSeenAt: Date, now: number) =>
  expiresAt.getTime() > now && idleExpiry(lastSeenAt, expiresAt).getTime() > now;

/**
 * An impersonation lives only while its administrator's own session does (its row is deleted with it, by
 * cascade; an expired or idle one counts as gone too) and its administrator is still an enabled administrator,
 * and never over another administrator (the target promoted meanwhile). Read from the same row, every request.
 */
function impersonationEnded(row: CallerRow, now: number): boolean {
  if (!row.impersonatorId) return false;
  if (!row.parentExpiresAt || !row.parentLastSeenAt || !alive(row.parentExpiresAt, row.parentLastSeenAt, now))
    return true;
  return row.impersonatorRole !== "admin" || row.impersonatorDisabledAt !== null || row.role === "admin";
}

/**
 * Token → caller, in one indexed query (token hash → session joined with its user, and for an
 * impersonation its administrator and their own session). A session past its lifetime, unused for
 * SESSION_IDLE_DAYS, or an impersonation that has ended (impersonationEnded) is deleted and answers null;
 * `last seen` is written at most once a minute.
 */
export async function resolveSessionToken(token: string | null | undefined): Promise<Caller | null> {
  if (!token || !isWellFormedToken(token)) return null;
  const db = await getDb();
  const [row] = await callerQuery(db).execute({ tokenHash: hashToken(token) });
  if (!row || row.disabledAt) return null;
  const now = Date.now();
  if (!alive(row.expiresAt, row.lastSeenAt, now) || impersonationEnded(row, now)) {
    await db.delete(sessions).where(eq(sessions.id, row.sessionId));
    return null;
  }
  if (now - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.id, row.sessionId), lt(sessions.lastSeenAt, sql`now() - interval '1 minute'`)));
  }
  const impersonator: Impersonator | null = row.impersonatorId
    ? { id: row.impersonatorId, username: row.impersonatorUsername ?? "", reason: row.impersonationReason ?? "" }
    : null;
  // Every security event this request records carries the administrator as its actor (lib/security/events.ts).
  if (impersonator) markRequestActor(impersonator.id);
  return {
    session: {
      id: row.sessionId,
      kind: row.kind,
      expiresAt: row.expiresAt,
      reauthenticatedAt: row.reauthenticatedAt,
      impersonator,
    },
    user: toUserDto(row, Number(row.recoveryCodesLeft)),
    role: row.role,
  };
}
