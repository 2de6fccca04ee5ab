import "server-only";
import { and, eq, min } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookMessages } from "@/db/schema";
import { isDatabaseUnavailable } from "../db-availability";
import { log } from "../log";
import { deliverOneDue, endpointEnabled, type DeliverOptions } from "./deliver";

/**
 * This process's webhook delivery worker, shaped like the mail outbox's (lib/email/outbox-worker.ts): a
 * pass delivers due messages one at a time until none is due; a wake during a pass makes it go on; after
 * each pass a timer waits for the next due message (a back-off, a lease left by a dead instance), at most
 * POLL_MS. Woken after a commit that queued messages (lib/webhook-events/emit.ts#setWebhookWaker, set in
 * lib/startup/start.ts). `drainWebhooks` delivers everything due now (tests).
 */
const POLL_MS = 30_000;
const RETRY_SCHEDULE_MS = 2_000;

type State = {
  running: Promise<void> | null;
  again: boolean;
  stopped: boolean;
  polling: boolean;
  timer?: NodeJS.Timeout;
};
const STATE = Symbol.for("accounts.webhook-worker");
const g = globalThis as unknown as { [STATE]?: State };
const state = (): State => (g[STATE] ??= { running: null, again: false, stopped: false, polling: false });

async function run(s: State): Promise<void> {
  try {
    do {
      s.again = false;
      while (!s.stopped && (await deliverOneDue()));
    } while (s.again && !s.stopped);
  } catch (error) {
    if (isDatabaseUnavailable(error)) log.warn("webhook delivery paused: database unavailable");
    else log.error("webhook delivery pass failed", { reason: error instanceof Error ? error.message : String(error) });
  }
}

/** Delivers every due message now; resolves when the pass is over. Harmless after stopWebhooks. */
export function wakeWebhooks(): Promise<void> {
  const s = state();
  if (s.stopped) return Promise.resolve();
  if (s.running) {
    s.again = true;
    return s.running;
  }
  s.running = run(s).finally(() => {
    s.running = null;
    if (s.polling) scheduleNext(s);
  });
  return s.running;
}

function scheduleNext(s: State): void {
  if (s.stopped) return;
  const arm = (ms: number) => {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => void wakeWebhooks(), ms);
    s.timer.unref();
  };
  arm(POLL_MS);
  void (async () => {
    const db = await getDb();
    const [next] = await db
      .select({ at: min(webhookMessages.nextAttemptAt) })
      .from(webhookMessages)
      .where(and(eq(webhookMessages.status, "pending"), endpointEnabled()));
    if (!next?.at || s.stopped) return;
    arm(Math.max(0, Math.min(POLL_MS, new Date(next.at).getTime() - Date.now() + 50)));
  })().catch(() => {
    if (!s.stopped) arm(RETRY_SCHEDULE_MS);
  });
}

/** Starts this process's worker (lib/startup/start.ts): a pass now (what a killed instance left), then on wakes. */
export function startWebhooks(): void {
  const s = state();
  s.stopped = false;
  s.polling = true;
  void wakeWebhooks();
}

/** SIGTERM: takes no new message; resolves when the one in flight has finished (at most its 10-second cut-off). */
export async function stopWebhooks(): Promise<void> {
  const s = state();
  s.stopped = true;
  s.polling = false;
  clearTimeout(s.timer);
  s.timer = undefined;
  await s.running;
}

/** Delivers, in this call, every message due now (tests and scripts), each attempt once. */
export async function drainWebhooks(options: DeliverOptions = {}): Promise<void> {
  while (await deliverOneDue(options));
}
