import "server-only";
import { getDb } from "@/db/client";
import { getEnv } from "./env";
import { log } from "./log";

/**
 * Fails fast on a bad environment (a missing AUTH_SECRET in production stops the server). A database
 * that is down at start is logged, not fatal: the first request that needs it tries again.
 */
export async function startUp(): Promise<void> {
  try {
    getEnv();
  } catch (error) {
    log.error("refusing to start", { reason: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  try {
    await getDb();
    log.info("database ready");
  } catch (error) {
    log.error("database not ready at start; will retry on the next request", {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}
