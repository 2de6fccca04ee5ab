import "server-only";
import { and, asc, eq, inArray, lte, min, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailOutbox, type MailOutboxRow } from "@/db/schema";
import { open } from "../crypto/sealed";
import { drainWorker } from "../drain-worker";
import { getEnv } from "../env";
import { log } from "../log";
import { retryDelayMs, shouldGiveUp } from "./backoff";
import { deliver } from "./transport";
import { notUnopened, rememberUnopened } from "./unopened";

/**
 * Sends the outbox's due rows, one at a time. A row is claimed in one statement
 * (`update … where id in (select … for update skip locked)`): its attempt is counted and it is leased
 * for MAIL_LEASE_SECONDS (60), so another instance (or this one after a crash) takes it only when the lease has
 * run out. Sent → status `sent`, body erased; failed → back-off with jitter (lib/email/backoff.ts) or,
 * after 24 hours, `failed` (body erased, logged as an error). A sealed body that none of this
 * instance's secrets opens (AUTH_SECRET rotated on another instance) is given back, uncounted, for an
 * instance that can (lib/email/unopened.ts), never failed. Works through a transaction-mode pooler
 * (no transaction is held while SMTP talks) and on PGlite.
 */
export const leaseSeconds = () => getEnv().MAIL_LEASE_SECONDS;
const SEAL_PURPOSE = "mail-outbox"; // lib/email/outbox.ts#OUTBOX_SEAL_PURPOSE

async function claim(): Promise<MailOutboxRow | null> {
  const db = await getDb();
  const [row] = await db
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      nextAttemptAt: sql`now() + ${leaseSeconds()}::int * interval '1 second'`,
    })
    .where(
      inArray(
        mailOutbox.id,
        db
          .select({ id: mailOutbox.id })
          .from(mailOutbox)
          .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, sql`now()`), notUnopened()))
          .orderBy(asc(mailOutbox.nextAttemptAt))
          .limit(1)
          .for("update", { skipLocked: true }),
      ),
    )
    .returning();
  return row ?? null;
}

/** The message's parts; "unopened" when it is sealed under no secret of this instance; null when damaged. */
function parts(row: MailOutboxRow): { text: string; html: string } | "unopened" | null {
  if (row.body === null) return null;
  const json = row.sealed ? open(SEAL_PURPOSE, row.body) : row.body;
  if (json === null) return "unopened";
  try {
    return JSON.parse(json) as { text: string; html: string };
  } catch {
    return null;
  }
}

/**
 * Gives a claim back: the attempt uncounted, and (unless this process remembers too many such rows)
 * due again at once, for an instance that holds the secret. Logged once per row per process.
 */
let toldFull = false;
async function giveBack(row: MailOutboxRow): Promise<void> {
  const remembered = rememberUnopened(row.id);
  if (remembered === "new") {
    log.warn("mail left for another instance: its body is sealed under a secret this one does not hold", {
      id: row.id,
      subject: row.subject,
    });
  } else if (remembered === "full" && !toldFull) {
    toldFull = true;
    log.warn("too many messages sealed under a secret this instance does not hold; the rest wait out a lease");
  }
  const db = await getDb();
  await db
    .update(mailOutbox)
    .set({
      attempts: sql`greatest(${mailOutbox.attempts} - 1, 0)`,
      ...(remembered === "full" ? {} : { nextAttemptAt: sql`now()` }),
      lastError: "not opened by an instance: sealed under an AUTH_SECRET it does not hold",
    })
    .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.status, "pending")));
}

async function finish(row: MailOutboxRow, status: "sent" | "failed", lastError: string | null): Promise<void> {
  const db = await getDb();
  await db
    .update(mailOutbox)
    .set({ status, body: null, doneAt: sql`now()`, lastError })
    .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.status, "pending")));
}

/** Claims and sends one due message. False when nothing was due. */
export async function sendOneDue(): Promise<boolean> {
  const row = await claim();
  if (!row) return false;
  const body = parts(row);
  const about = { id: row.id, to: row.to, subject: row.subject, attempt: row.attempts };
  if (body === "unopened") {
    await giveBack(row);
    return true;
  }
  if (!body) {
    // Damaged (no body, or not the JSON we write): it can never be sent.
    log.error("mail failed: its body cannot be opened", about);
    await finish(row, "failed", "body cannot be opened");
    return true;
  }
  try {
    await deliver({ to: row.to, subject: row.subject, ...body });
  } catch (error) {
    // Never the message body: it holds the link and its token.
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    const delay = retryDelayMs(row.attempts);
    if (shouldGiveUp(row.createdAt, new Date(), delay)) {
      log.error("mail not delivered for 24 hours; marked failed", { ...about, reason });
      await finish(row, "failed", reason);
    } else {
      log.warn("mail not delivered; will retry", { ...about, retryInSeconds: Math.round(delay / 1000), reason });
      const db = await getDb();
      await db
        .update(mailOutbox)
        .set({ nextAttemptAt: sql`now() + ${delay}::int * interval '1 millisecond'`, lastError: reason })
        .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.status, "pending")));
    }
    return true;
  }
  await finish(row, "sent", null);
  return true;
}

/** True while some pending row is due now (tests' drain). */
export async function hasOutboxWork(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, sql`now()`), notUnopened()))
    .limit(1);
  return Boolean(row);
}

const worker = drainWorker({
  key: "accounts.mail-outbox",
  name: "outbox",
  oneDue: sendOneDue,
  nextDueAt: async () => {
    const db = await getDb();
    const [next] = await db
      .select({ at: min(mailOutbox.nextAttemptAt) })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, "pending"), notUnopened()));
    return next?.at ?? null;
  },
});

/**
 * Sends every due message now (one pass at a time per process: a wake during a pass makes it go on).
 * Resolves when the pass is over. Harmless after stopOutbox (does nothing).
 */
export const wakeOutbox = worker.wake;
/** Starts this process's worker (lib/startup/start.ts): a pass now, then on every wake, due time and poll. */
export const startOutbox = worker.start;
/** Lets wakes send again after stopOutbox, without the timers of startOutbox (tests: a file's start). */
export const resumeOutbox = worker.resume;
/** SIGTERM: takes no new message; resolves when the one in flight has finished. */
export const stopOutbox = worker.stop;
