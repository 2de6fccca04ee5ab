import "server-only";
import { and, count, desc, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { securityEvents, sessions } from "@/db/schema";
import { describeDevice } from "./device";
import { liveSessionsOf } from "./list";

/** A sign-in as the account overview shows it. */
export type SignInSummary = { at: string; device: string; ip: string | null };

/** What the account overview says about sessions: how many are live, and the sign-in before this one. */
export type SessionSummary = { active: number; previousSignIn: SignInSummary | null };

/**
 * The count of live sessions (what the security page lists) and the latest successful sign-in recorded
 * before the caller's own session began: the sign-in tail records the success after opening the session, so
 * "before this session" leaves out the one that opened it, and shows the one a person would want to check.
 */
export async function sessionSummary(userId: string, currentSessionId: string): Promise<SessionSummary> {
  const db = await getDb();
  const [[live], [previous]] = await Promise.all([
    db.select({ n: count() }).from(sessions).where(liveSessionsOf(userId)),
    db
      .select({ at: securityEvents.createdAt, userAgent: securityEvents.userAgent, ip: securityEvents.ip })
      .from(securityEvents)
      .where(
        and(
          eq(securityEvents.userId, userId),
          eq(securityEvents.type, "sign_in.succeeded"),
          lt(
            securityEvents.createdAt,
            sql`(select ${sessions.createdAt} from ${sessions} where ${sessions.id} = ${currentSessionId})`,
          ),
        ),
      )
      .orderBy(desc(securityEvents.id))
      .limit(1),
  ]);
  return {
    active: live?.n ?? 0,
    previousSignIn: previous
      ? { at: previous.at.toISOString(), device: describeDevice(previous.userAgent), ip: previous.ip }
      : null,
  };
}
