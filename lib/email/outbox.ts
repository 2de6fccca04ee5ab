import "server-only";
import type { Db, Tx } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { seal } from "../crypto/sealed";
import { hasOutboxWork, wakeOutbox } from "./outbox-worker";
import type { Message } from "./templates";

/** The purpose label of the key that seals message bodies carrying a link token (lib/crypto/sealed.ts). */
export const OUTBOX_SEAL_PURPOSE = "mail-outbox";
const carriesToken = (m: Message) => /[?&]token=/.test(m.text);

/**
 * Queues a message: a row in the outbox (lib/email/outbox-worker.ts sends it), written with `tx`, the
 * transaction of the change that causes the mail, so the two commit together or not at all (a failed
 * insert fails the transaction). There is no way to queue mail beside a change: a notice row exists
 * exactly when its change committed. A body with a link token is sealed. The worker is woken right
 * after the request (Next.js `after()`), or within moments outside one.
 */
export async function sendMail(message: Message, tx: Db | Tx): Promise<void> {
  await insert(message, tx);
  await wakeAfterCommit();
}

async function insert(message: Message, db: Db | Tx): Promise<void> {
  const body = JSON.stringify({ text: message.text, html: message.html });
  const sealed = carriesToken(message);
  await db.insert(mailOutbox).values({
    to: message.to,
    subject: message.subject,
    body: sealed ? seal(OUTBOX_SEAL_PURPOSE, body) : body,
    sealed,
  });
}

async function wakeAfterCommit(): Promise<void> {
  try {
    // In a request (route handler, server action): after the response, when the transaction has
    // committed. On Vercel the function stays alive until this has run. Next.js's request API is loaded
    // here, on the first mail, so the workers that queue mail (lib/webhooks) do not load it at start.
    const { after } = await import("next/server");
    after(() => wakeOutbox());
    return;
  } catch {
    // Outside a request (start-up, tests, scripts): a moment after the caller's commit.
  }
  for (const ms of [20, 250, 1_000]) setTimeout(() => void wakeOutbox(), ms).unref();
}

/** Resolves when every message queued so far and due now has been sent or put back for a retry (tests). */
export async function drainOutbox(): Promise<void> {
  do await wakeOutbox();
  while (await hasOutboxWork());
}
