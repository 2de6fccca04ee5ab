import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { sessions } from "@/db/schema";
import { hashToken, isWellFormedToken } from "../crypto/tokens";
import { rawDate, rawRows, type RawRow } from "../db-statement";
import type { UserDto } from "../users/dto";
import { rawUserDto, USER_DTO_SQL } from "../users/raw-dto";
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
 * The lookup every authenticated request makes: token hash → session joined with its user, just the columns a
 * caller needs, one probe of each unique index. Run straight on the driver and mapped by hand below
 * (lib/db-statement.ts: drizzle's execute and column mapping cost more CPU than PostgreSQL's lookup); the
 * column order here is the order `toCallerRow` reads; the user's columns (from index 8) are the ones every
 * caller lookup reads (lib/users/raw-dto.ts).
 */
const CALLER_SQL = `select s.id, s.kind, s.expires_at, s.last_seen_at, s.reauthenticated_at, s.impersonator_id,
  u.role, u.disabled_at, ${USER_DTO_SQL}
from sessions s join users u on u.id = s.user_id
where s.token_hash = $1`;

/**
 * An impersonation session's administrator and the administrator's own session, read only for such a
 * session (rare), so the lookup every other request makes carries no join for them. Read after the
 * caller's row: a parent session or administrator changed in between is seen as it is now.
 */
const IMPERSONATION_SQL = `select s.impersonation_reason, i.username, i.role, i.disabled_at, p.expires_at, p.last_seen_at
from sessions s
left join users i on i.id = s.impersonator_id
left join sessions p on p.id = s.parent_session_id
where s.id = $1`;

type CallerRow = {
  sessionId: string;
  kind: CurrentSession["kind"];
  expiresAt: Date;
  lastSeenAt: Date;
  reauthenticatedAt: Date;
  impersonatorId: string | null;
  role: Caller["role"];
  disabledAt: Date | null;
  user: UserDto;
};

function toCallerRow(r: RawRow): CallerRow {
  return {
    sessionId: r[0] as string,
    kind: r[1] as CurrentSession["kind"],
    expiresAt: rawDate(r[2])!,
    lastSeenAt: rawDate(r[3])!,
    reauthenticatedAt: rawDate(r[4])!,
    impersonatorId: r[5] as string | null,
    role: r[6] as Caller["role"],
    disabledAt: rawDate(r[7]),
    user: rawUserDto(r, 8),
  };
}

const alive = (expiresAt: Date, lastSeenAt: Date, now: number) =>
  expiresAt.getTime() > now && idleExpiry(lastSeenAt, expiresAt).getTime() > now;

/**
 * An impersonation lives only while its administrator's own session does (its row is deleted with it, by
 * cascade; an expired or idle one counts as gone too) and its administrator is still an enabled administrator,
 * and never over another administrator (the target promoted meanwhile). Read every request: the impersonator
 * when it goes on, null when it has ended (or the session is gone).
 */
async function liveImpersonator(db: Db, row: CallerRow, now: number): Promise<Impersonator | null> {
  const [r] = await rawRows(db, IMPERSONATION_SQL, [row.sessionId]);
  if (!r) return null;
  const [reason, username, role, disabledAt, parentExpiresAt, parentLastSeenAt] = r;
  if (parentExpiresAt == null || parentLastSeenAt == null) return null;
  if (!alive(rawDate(parentExpiresAt)!, rawDate(parentLastSeenAt)!, now)) return null;
  if (role !== "admin" || disabledAt !== null || row.role === "admin") return null;
  return {
    id: row.impersonatorId!,
    username: (username as string | null) ?? "",
    reason: (reason as string | null) ?? "",
  };
}

/** A session that has ended is deleted; its token answers null. */
async function ended(db: Db, row: CallerRow): Promise<null> {
  await db.delete(sessions).where(eq(sessions.id, row.sessionId));
  return null;
}

/**
 * Token → caller, in one indexed query (token hash → session joined with its user; for an impersonation a
 * second one, liveImpersonator). A session past its lifetime, unused for SESSION_IDLE_DAYS, or an
 * impersonation that has ended is deleted and answers null; `last seen` is written at most once a minute.
 */
export async function resolveSessionToken(token: string | null | undefined): Promise<Caller | null> {
  if (!token || !isWellFormedToken(token)) return null;
  const db = await getDb();
  const [raw] = await rawRows(db, CALLER_SQL, [hashToken(token)]);
  if (!raw) return null;
  const row = toCallerRow(raw);
  if (row.disabledAt) return null;
  const now = Date.now();
  if (!alive(row.expiresAt, row.lastSeenAt, now)) return ended(db, row);
  let impersonator: Impersonator | null = null;
  if (row.impersonatorId) {
    impersonator = await liveImpersonator(db, row, now);
    if (!impersonator) return ended(db, row);
  }
  if (now - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.id, row.sessionId), lt(sessions.lastSeenAt, sql`now() - interval '1 minute'`)));
  }
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
    user: row.user,
    role: row.role,
  };
}
