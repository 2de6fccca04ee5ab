import "server-only";
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import {
  users,
  webhookAttempts,
  webhookEndpoints,
  webhookEvents,
  webhookMessages,
  type WebhookEndpointRow,
  type WebhookMessageRow,
} from "@/db/schema";
import { open } from "../crypto/sealed";
import { sendMail } from "../email/outbox";
import { webhookDisabledNotice } from "../email/templates";
import { getEnv } from "../env";
import { log } from "../log";
import { webhookGivesUp, webhookRetryDelayMs } from "./deliver-backoff";
import { postWebhook, type PostResult } from "./deliver-http";
import { signatureHeader } from "./sign";

/**
 * Delivers one due webhook message (one event to one endpoint). The message is claimed in one statement
 * (`… for update skip locked`, its attempt counted and leased for WEBHOOKS_LEASE_SECONDS), so several
 * instances share the queue and a message whose instance died is taken over when its lease ends; no transaction is open
 * while the receiver is called (a transaction-mode pooler and PGlite work). Every attempt — a refusal
 * before connecting too — is one `webhook_attempts` row (status, duration, safe words, next try).
 * 2xx: succeeded. 410 Gone: failed, and the endpoint is disabled. Anything else (a 3xx: redirects are not
 * followed), a timeout or a refused connection: tried again (deliver-backoff.ts, Retry-After honoured) until
 * a day has passed, then failed; an endpoint failing for a day is disabled. Disabling mails every
 * administrator once (the statement that turns it off decides who mails). Messages of a disabled
 * endpoint are not claimed; they wait for it to be enabled.
 *
 * The lease is WEBHOOKS_LEASE_SECONDS (60): well past the 10-second cut-off of one attempt.
 */
export const leaseSeconds = () => getEnv().WEBHOOKS_LEASE_SECONDS;
export const FAILING_DISABLES_AFTER_HOURS = 24;
const SECRET_PURPOSE = "webhook-secret";

export type DeliverOptions = { timeoutMs?: number };

/** The message's endpoint is enabled (a disabled endpoint's messages wait). */
export const endpointEnabled = () =>
  sql`exists (select 1 from ${webhookEndpoints}
    where ${webhookEndpoints.id} = ${webhookMessages.endpointId} and ${webhookEndpoints.enabled})`;

const dueNow = () =>
  and(eq(webhookMessages.status, "pending"), lte(webhookMessages.nextAttemptAt, sql`now()`), endpointEnabled());

async function claim(): Promise<WebhookMessageRow | null> {
  const db = await getDb();
  const [row] = await db
    .update(webhookMessages)
    .set({
      attempts: sql`${webhookMessages.attempts} + 1`,
      nextAttemptAt: sql`now() + ${leaseSeconds()}::int * interval '1 second'`,
    })
    .where(
      sql`${webhookMessages.id} in (${db
        .select({ id: webhookMessages.id })
        .from(webhookMessages)
        .where(dueNow())
        .orderBy(asc(webhookMessages.nextAttemptAt))
        .limit(1)
        .for("update", { skipLocked: true })})`,
    )
    .returning();
  return row ?? null;
}

/** True while some message is due now (tests' drain). */
export async function hasWebhookWork(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: webhookMessages.id }).from(webhookMessages).where(dueNow()).limit(1);
  return Boolean(row);
}

/** The secrets that sign now, newest first: the current one, and the previous one until it expires. */
function signingSecrets(endpoint: WebhookEndpointRow, now: Date): string[] | null {
  const current = open(SECRET_PURPOSE, endpoint.secretSealed);
  if (current === null) return null;
  const previous =
    endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now
      ? open(SECRET_PURPOSE, endpoint.previousSecretSealed)
      : null;
  return previous ? [current, previous] : [current];
}

/** Claims and delivers one due message. False when nothing was due. */
export async function deliverOneDue(options: DeliverOptions = {}): Promise<boolean> {
  const message = await claim();
  if (!message) return false;
  const db = await getDb();
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, message.endpointId));
  const [event] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, message.eventId));
  if (!endpoint || !event) return true; // deleted meanwhile: the cascade removes the message
  const started = Date.now();
  const secrets = signingSecrets(endpoint, new Date());
  let result: PostResult;
  if (!secrets) {
    result = { status: null, error: "signing secret cannot be opened (AUTH_SECRET changed?)" };
  } else {
    const body = JSON.stringify(event.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "webhook-id": event.id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signatureHeader(secrets, event.id, timestamp, body),
    };
    result = await postWebhook(endpoint.url, headers, body, options);
  }
  await record(message, endpoint, event.type, result, Date.now() - started);
  return true;
}

async function record(
  message: WebhookMessageRow,
  endpoint: WebhookEndpointRow,
  type: string,
  result: PostResult,
  durationMs: number,
): Promise<void> {
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const gone = result.status === 410;
  const error = ok ? null : result.status === null ? result.error : `HTTP ${result.status}`;
  const now = new Date();
  const delay = webhookRetryDelayMs(message.attempts, result.status === null ? null : result.retryAfterMs);
  const retry = !ok && !gone && !webhookGivesUp(message.createdAt, now, delay);
  const nextAttemptAt = retry ? new Date(now.getTime() + delay) : null;
  const about = { endpointId: endpoint.id, eventId: message.eventId, type, attempt: message.attempts };
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      messageId: message.id,
      endpointId: endpoint.id,
      eventId: message.eventId,
      type,
      attempt: message.attempts,
      status: result.status,
      durationMs,
      error,
      nextAttemptAt,
    });
    // Only while this claim is still ours: a lease that ran out belongs to whoever took the message over.
    const ours = and(
      eq(webhookMessages.id, message.id),
      eq(webhookMessages.status, "pending"),
      eq(webhookMessages.attempts, message.attempts),
    );
    if (retry) {
      await tx
        .update(webhookMessages)
        .set({ nextAttemptAt: sql`now() + ${delay}::int * interval '1 millisecond'` })
        .where(ours);
    } else {
      await tx
        .update(webhookMessages)
        .set({ status: ok ? "succeeded" : "failed", doneAt: sql`now()` })
        .where(ours);
    }
    if (ok) {
      await tx
        .update(webhookEndpoints)
        .set({ failingSince: null })
        .where(and(eq(webhookEndpoints.id, endpoint.id), sql`${webhookEndpoints.failingSince} is not null`));
      return;
    }
    if (gone) {
      await disable(tx, endpoint, "it answered 410 Gone", eq(webhookEndpoints.id, endpoint.id));
      return;
    }
    await tx
      .update(webhookEndpoints)
      .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await disable(
      tx,
      endpoint,
      `its deliveries failed for ${FAILING_DISABLES_AFTER_HOURS} hours`,
      and(
        eq(webhookEndpoints.id, endpoint.id),
        lte(webhookEndpoints.failingSince, sql`now() - ${FAILING_DISABLES_AFTER_HOURS}::int * interval '1 hour'`),
      ),
    );
  });
  if (ok) log.info("webhook delivered", { ...about, status: result.status, durationMs });
  else log.warn("webhook not delivered", { ...about, status: result.status, error, retryAt: nextAttemptAt });
}

/**
 * Turns the endpoint off when `where` still holds and it is on; the one statement that does it mails every
 * administrator (in the same transaction), so two workers failing at once mail once.
 */
async function disable(tx: Tx, endpoint: WebhookEndpointRow, reason: string, where: ReturnType<typeof and>) {
  const [turnedOff] = await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, updatedAt: sql`now()` })
    .where(and(where, eq(webhookEndpoints.enabled, true)))
    .returning({ id: webhookEndpoints.id });
  if (!turnedOff) return;
  log.warn("webhook endpoint disabled", { endpointId: endpoint.id, reason });
  const admins = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
  const host = hostOf(endpoint.url);
  const link = new URL(`/admin/webhooks/${endpoint.id}`, getEnv().BASE_URL + "/").toString();
  for (const admin of admins) await sendMail(webhookDisabledNotice(admin.email, host, reason, link), tx);
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return "an invalid address";
  }
};
