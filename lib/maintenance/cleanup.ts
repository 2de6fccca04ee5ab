import "server-only";
import { inArray, lt, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import {
  emailSignIns,
  emailTokens,
  mailOutbox,
  mfaChallenges,
  rateLimits,
  securityEvents,
  sessions,
  webauthnChallenges,
  webhookEvents,
} from "@/db/schema";
import { getEnv } from "../env";

export type CleanupCounts = {
  sessions: number;
  emailTokens: number;
  emailSignIns: number;
  mfaChallenges: number;
  webauthnChallenges: number;
  rateLimits: number;
  mail: number;
  webhookEvents: number;
  securityEvents: number;
};

export type CleanupOptions = {
  /** Rows per delete statement: small, so no statement holds locks for long. */
  batchSize?: number;
  /** Statements per table per run; what is left waits for the next run. */
  maxBatches?: number;
};

/**
 * Deletes expired (and idle, SESSION_IDLE_DAYS) sessions, email tokens, sign-in emails, two-factor sign-in challenges,
 * passkey ceremonies' challenges,
 * rate-limit windows, outbox rows done more than MAIL_KEEP_DAYS ago webhook events older than WEBHOOKS_KEEP_DAYS and security events older than EVENTS_KEEP_DAYS, in small batches
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

  /** One batch of `table`'s rows matching `where`: `delete … where key in (select … limit n for update skip locked)`. */
  const batch = (table: PgTable, key: PgColumn, where: SQL) => () =>
    db
      .delete(table)
      .where(
        inArray(key, db.select({ key }).from(table).where(where).limit(batchSize).for("update", { skipLocked: true })),
      )
      .returning({ key })
      .then((rows) => rows.length);

  const expiredSessions = batch(sessions, sessions.id, lt(sessions.expiresAt, sql`now()`));
  // Unused for SESSION_IDLE_DAYS (refused by lib/sessions/resolve.ts already). No index on last_seen_at:
  // it is written once a minute per active session, and this runs only every few minutes.
  const idleDays = getEnv().SESSION_IDLE_DAYS;
  const idleSessions = batch(
    sessions,
    sessions.id,
    lt(sessions.lastSeenAt, sql`now() - ${idleDays}::float8 * interval '1 day'`),
  );
  const expiredEmailTokens = batch(emailTokens, emailTokens.id, lt(emailTokens.expiresAt, sql`now()`));
  // Sign-in emails past their 15 minutes (lib/auth/email-sign-in-store.ts refuses them already).
  const expiredEmailSignIns = batch(emailSignIns, emailSignIns.id, lt(emailSignIns.expiresAt, sql`now()`));
  // Second sign-in steps past MFA_CHALLENGE_MINUTES (lib/auth/second-step.ts refuses them already).
  const expiredMfaChallenges = batch(mfaChallenges, mfaChallenges.id, lt(mfaChallenges.expiresAt, sql`now()`));
  // Passkey ceremonies past their 5 minutes (lib/passkeys/challenges.ts refuses them already).
  const expiredWebauthnChallenges = batch(
    webauthnChallenges,
    webauthnChallenges.id,
    lt(webauthnChallenges.expiresAt, sql`now()`),
  );
  const expiredRateLimits = batch(rateLimits, rateLimits.key, lt(rateLimits.resetAt, sql`now()`));
  // Sent or failed messages after MAIL_KEEP_DAYS (their bodies were erased when they were done).
  const keepDays = getEnv().MAIL_KEEP_DAYS;
  const oldMail = batch(
    mailOutbox,
    mailOutbox.id,
    lt(mailOutbox.doneAt, sql`now() - ${keepDays}::float8 * interval '1 day'`),
  );

  // Webhook events after WEBHOOKS_KEEP_DAYS, with their deliveries and attempts (cascade): a delivery is given up
  // a day after its event, so by then none is still tried.
  const webhookKeepDays = getEnv().WEBHOOKS_KEEP_DAYS;
  const oldWebhookEvents = batch(
    webhookEvents,
    webhookEvents.id,
    lt(webhookEvents.createdAt, sql`now() - ${webhookKeepDays}::float8 * interval '1 day'`),
  );

  // The activity trail after EVENTS_KEEP_DAYS (400): by the created_at index, oldest first, in batches.
  const eventsKeepDays = getEnv().EVENTS_KEEP_DAYS;
  const oldSecurityEvents = batch(
    securityEvents,
    securityEvents.id,
    lt(securityEvents.createdAt, sql`now() - ${eventsKeepDays}::float8 * interval '1 day'`),
  );

  return {
    mail: await drain(oldMail),
    securityEvents: await drain(oldSecurityEvents),
    webhookEvents: await drain(oldWebhookEvents),
    sessions: (await drain(expiredSessions)) + (await drain(idleSessions)),
    emailTokens: await drain(expiredEmailTokens),
    emailSignIns: await drain(expiredEmailSignIns),
    mfaChallenges: await drain(expiredMfaChallenges),
    webauthnChallenges: await drain(expiredWebauthnChallenges),
    rateLimits: await drain(expiredRateLimits),
  };
}
