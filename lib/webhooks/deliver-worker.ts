import "server-only";
import { and, eq, min } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookMessages } from "@/db/schema";
import { drainWorker } from "../drain-worker";
import { deliverOneDue, endpointEnabled, type DeliverOptions } from "./deliver";

/**
 * This process's webhook delivery worker, the mail outbox's kind (lib/drain-worker.ts): a pass delivers due
 * messages one at a time until none is due; a wake during a pass makes it go on; after each pass a timer waits
 * for the next due message (a back-off, a lease left by a dead instance). Woken after a commit that queued
 * messages (lib/webhook-events/emit.ts#setWebhookWaker, set in lib/startup/start.ts). `drainWebhooks` delivers
 * everything due now (tests).
 */
const worker = drainWorker({
  key: "accounts.webhook-worker",
  name: "webhook delivery",
  oneDue: () => deliverOneDue(),
  nextDueAt: async () => {
    const db = await getDb();
    const [next] = await db
      .select({ at: min(webhookMessages.nextAttemptAt) })
      .from(webhookMessages)
      .where(and(eq(webhookMessages.status, "pending"), endpointEnabled()));
    return next?.at ?? null;
  },
});

/** Delivers every due message now; resolves when the pass is over. Harmless after stopWebhooks. */
export const wakeWebhooks = worker.wake;
/** Starts this process's worker (lib/startup/start.ts): a pass now (what a killed instance left), then on wakes. */
export const startWebhooks = worker.start;
/** SIGTERM: takes no new message; resolves when the one in flight has finished (at most its 10-second cut-off). */
export const stopWebhooks = worker.stop;

/** Delivers, in this call, every message due now (tests and scripts), each attempt once. */
export async function drainWebhooks(options: DeliverOptions = {}): Promise<void> {
  while (await deliverOneDue(options));
}
