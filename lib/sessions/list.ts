import "server-only";
import { and, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { getEnv } from "../env";
import { toSessionDto, type SessionDto } from "./dto";

/** The user's live sessions: not expired, not idle (what resolving a token would still accept). */
export function liveSessionsOf(userId: string): SQL {
  return and(
    eq(sessions.userId, userId),
    gt(sessions.expiresAt, sql`now()`),
    gt(sessions.lastSeenAt, sql`now() - ${getEnv().SESSION_IDLE_DAYS}::float8 * interval '1 day'`),
  )!;
}

/** Every live (not expired, not idle) session of the user, newest first, the caller's own marked `current`. */
export async function listSessions(userId: string, currentSessionId: string | null): Promise<SessionDto[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(sessions)
    .where(liveSessionsOf(userId))
    .orderBy(desc(sessions.createdAt), desc(sessions.id));
  return rows.map((row) => toSessionDto(row, currentSessionId));
}
