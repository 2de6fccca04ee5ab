import "server-only";
import type { AsyncLocalStorage } from "node:async_hooks";
import { isDatabaseUnavailable } from "../db-availability";

/**
 * Pages cannot choose their status: an error thrown while rendering becomes error.tsx with a 500.
 * When that error is a database outage, this marks the request in the per-request store that
 * scripts/server.mjs keeps, and the server answers 503 (with Retry-After) instead of 500.
 */
type RequestStore = { ip: string | null; databaseUnavailable?: boolean };

export function noteDatabaseOutage(error: unknown): void {
  if (!isDatabaseUnavailable(error)) return;
  const store = (globalThis as { __accountsPeer?: AsyncLocalStorage<RequestStore> }).__accountsPeer?.getStore();
  if (store) store.databaseUnavailable = true;
}
