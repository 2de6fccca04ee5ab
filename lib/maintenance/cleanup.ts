import "server-only";
import { inArray, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { emailTokens, mailOutbox, mfaChallenges, rateLimits, sessions } from "@/db/schema";
import { getEnv } from "../env";

export type CleanupCounts = {
  sessions: number;
  emailTokens: number;
  mfaChallenges: number;
  rateLimits: number;
  mail: number;
};

export type CleanupOptions = {
  /** Rows per delete statement: small, so no statement holds locks for long. */
  batchSize?: number;
  /** Statements per table per run; what is left waits for the next run. */
  maxBatches?: number;
};

/**
 * Deletes expired (and idle, SESSION_IDLE_DAYS) sessions, email tokens, two-factor sign-in challenges,
 * rate-limit windows and outbox rows done more than MAIL_KEEP_DAYS ago, in small batches
 * (`delete … where id in (select … limit n for update skip locked)`), so several instances can run it
 * at once without waiting on each other. Returns how many rows went from each table.
 */
export async function cleanupExpired({
  batchSize = 500,
  maxBatches = 20,
}: CleanupOptions = {}): Promise<CleanupCounts> {
  const db = await getDb();

  async function drain(deleteBatch: () => Promise<number>): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const deleted = await deleteBatch();
      total += deleted;
      if (deleted < batchSize) break;
    }
    return total;
  }

  const expiredSessions = () =>
    db
      .delete(sessions)
      .where(
        inArray(
          sessions.id,
          db
            .select({ id: sessions.id })
            .from(sessions)
            .where(lt(sessions.expiresAt, sql`now()`))
            .limit(batchSize)
            .for("update", { skipLocked: true }),
        ),
      )
      .returning({ id: sessions.id })
      .then((rows) => rows.length);

  // Unused for SESSION_IDLE_DAYS (refused by lib/sessions/resolve.ts already). No index on last_seen_at:
  // it is written once a minute per active session, and this runs only every few minutes.
  const idleDays = getEnv().SESSION_IDLE_DAYS;
  const idleSessions = () =>
    db
      .delete(sessions)
      .where(
        inArray(
          sessions.id,
          db
            .select({ id: sessions.id })
            .from(sessions)
            .where(lt(sessions.lastSeenAt, sql`now() - ${idleDays}::float8 * interval '1 day'`))
            .limit(batchSize)
            .for("update", { skipLocked: true }),
        ),
      )
      .returning({ id: sessions.id })
      .then((rows) => rows.length);

  const expiredEmailTokens = () =>
    db
      .delete(emailTokens)
      .where(
        inArray(
          emailTokens.id,
          db
            .select({ id: emailTokens.id })
            .from(emailTokens)
            .where(lt(emailTokens.expiresAt, sql`now()`))
            .limit(batchSize)
            .for("update", { skipLocked: true }),
        ),
      )
      .returning({ id: emailTokens.id })
      .then((rows) => rows.length);

  // Second sign-in steps past MFA_CHALLENGE_MINUTES (lib/two-factor/challenge.ts refuses them already).
  const expiredMfaChallenges = () =>
    db
      .delete(mfaChallenges)
      .where(
        inArray(
          mfaChallenges.id,
          db
            .select({ id: mfaChallenges.id })
            .from(mfaChallenges)
            .where(lt(mfaChallenges.expiresAt, sql`now()`))
            .limit(batchSize)
            .for("update", { skipLocked: true }),
        ),
      )
      .returning({ id: mfaChallenges.id })
      .then((rows) => rows.length);

  const expiredRateLimits = () =>
    db
      .delete(rateLimits)
      .where(
        inArray(
          rateLimits.key,
          db
            .select({ key: rateLimits.key })
            .from(rateLimits)
            .where(lt(rateLimits.resetAt, sql`now()`))
            .limit(batchSize)
            .for("update", { skipLocked: true }),
        ),
      )
      .returning({ key: rateLimits.key })
      .then((rows) => rows.length);

  // Sent or failed messages after MAIL_KEEP_DAYS (their bodies were erased when they were done).
  const keepDays = getEnv().MAIL_KEEP_DAYS;
  const oldMail = () =>
    db
      .delete(mailOutbox)
      .where(
        inArray(
          mailOutbox.id,
          db
            .select({ id: mailOutbox.id })
            .from(mailOutbox)
            .where(lt(mailOutbox.doneAt, sql`now() - ${keepDays}::float8 * interval '1 day'`))
            .limit(batchSize)
            .for("update", { skipLocked: true }),
        ),
      )
      .returning({ id: mailOutbox.id })
      .then((rows) => rows.length);

  return {
    mail: await drain(oldMail),
    sessions: (await drain(expiredSessions)) + (await drain(idleSessions)),
    emailTokens: await drain(expiredEmailTokens),
    mfaChallenges: await drain(expiredMfaChallenges),
    rateLimits: await drain(expiredRateLimits),
  };
}
