import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { hashToken, isWellFormedToken } from "../auth/tokens";
import { toUserDto, type UserDto } from "../users/dto";

export type CurrentSession = {
  id: string;
  kind: "browser" | "api";
  expiresAt: Date;
};

export type Caller = { session: CurrentSession; user: UserDto; role: "user" | "admin" };

const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * Token → caller, in one indexed query (token hash → session joined with its user). An expired
 * session is deleted and answers null; `last seen` is written at most once a minute.
 */
export async function resolveSessionToken(token: string | null | undefined): Promise<Caller | null> {
  if (!token || !isWellFormedToken(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hashToken(token)))
    .limit(1);
  if (!row || row.user.disabledAt) return null;
  const now = Date.now();
  if (row.session.expiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, row.session.id));
    return null;
  }
  if (now - row.session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.id, row.session.id), lt(sessions.lastSeenAt, sql`now() - interval '1 minute'`)));
  }
  return {
    session: { id: row.session.id, kind: row.session.kind, expiresAt: row.session.expiresAt },
    user: toUserDto(row.user),
    role: row.user.role,
  };
}
