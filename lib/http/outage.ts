import "server-only";
import { isDatabaseUnavailable } from "../db-availability";
import { markDatabaseOutage } from "../process-store.mjs";

/**
 * A page's error that is a database outage: the request is marked so that scripts/server.mjs answers
 * 503 instead of 500 (the mechanism and why: lib/process-store.mjs#markDatabaseOutage).
 */
export function noteDatabaseOutage(error: unknown): void {
  if (isDatabaseUnavailable(error)) markDatabaseOutage();
}
