import "server-only";
import { closeDb, getDb } from "@/db/client";
import { getEnv } from "../env";
import { clientAddressesKnown, UNKNOWN_ADDRESSES } from "../http/client-info";
import { log } from "../log";
import { startOutbox, stopOutbox } from "../email/outbox-worker";
import { scheduleCleanup } from "../maintenance/schedule";
import { setWebhookWaker } from "../webhook-events/waker";
import { startWebhooks, stopWebhooks, wakeWebhooks } from "../webhooks/deliver-worker";
import { onShutdown, onStopWork, reportStartedUp } from "../process-store.mjs";

/**
 * Fails fast on a bad environment (a missing AUTH_SECRET in production stops the server). A database
 * that is down at start is logged, not fatal: the first request that needs it tries again. Starts the
 * periodic cleanup of expired rows, the mail outbox's worker and the webhook delivery worker. The
 * production server (scripts/server.mjs) takes connections only after this has finished.
 */
export async function startUp(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    log.error("refusing to start", { reason: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  onShutdown(closeDb);
  if (!clientAddressesKnown()) log.warn(UNKNOWN_ADDRESSES, { when: "start" });
  let databaseReady: unknown = null;
  try {
    await getDb();
    databaseReady = true;
  } catch (error) {
    databaseReady = error;
  }
  scheduleCleanup(env.CLEANUP_INTERVAL_SECONDS);
  // The mail outbox: what an earlier run (or a crashed instance) left is sent now, new rows on commit.
  onStopWork(stopOutbox);
  startOutbox();
  // Webhook deliveries: the same, woken after the commit that queued them (lib/webhook-events/emit.ts).
  setWebhookWaker(wakeWebhooks);
  onStopWork(stopWebhooks);
  startWebhooks();
  // scripts/server.mjs opens its port only now (under `next dev` or on Vercel nothing is waiting).
  reportStartedUp();
  // Said once the port is open (scripts/server.mjs listens in the microtask this resolves): the logger's first
  // line, where pino builds its redaction, is not on the way to it.
  setImmediate(() => {
    if (databaseReady === true) log.info("database ready");
    else
      log.error("database not ready at start; will retry on the next request", {
        reason: databaseReady instanceof Error ? databaseReady.message : String(databaseReady),
      });
  });
}
