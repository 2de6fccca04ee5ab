import "server-only";
import { log } from "../log";
import { deliver } from "./transport";
import type { Message } from "./templates";

const RETRY_DELAYS_MS = [2_000, 10_000, 60_000];
const pending = new Set<Promise<void>>();

async function attempt(message: Message): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await deliver(message);
      return;
    } catch (error) {
      // Never the message body: it holds the link and its token.
      const reason = error instanceof Error ? error.message : String(error);
      if (i >= RETRY_DELAYS_MS.length) {
        log.error("mail not delivered; giving up", { to: message.to, subject: message.subject, reason });
        return;
      }
      log.warn("mail not delivered; will retry", { to: message.to, subject: message.subject, attempt: i + 1, reason });
      await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[i]).unref());
    }
  }
}

/**
 * Sends in the background: the request that caused the mail never waits for it or fails with it.
 * A failed send is logged (without the message) and retried.
 */
export function sendMail(message: Message): void {
  const job = attempt(message).finally(() => pending.delete(job));
  pending.add(job);
}

/** Resolves when every message queued so far has been delivered or given up (tests, shutdown). */
export async function drainOutbox(): Promise<void> {
  while (pending.size) await Promise.allSettled([...pending]);
}
