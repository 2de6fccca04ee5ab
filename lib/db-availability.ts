/** Errors that mean "the database cannot be reached right now", whichever driver raised them. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
]);

/** SQLSTATE class 08, connection exception: 08006 and friends, and PgBouncer's 08P01 ("server login has been
 * failing", "query_wait_timeout") while the server behind it is down. */
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;

export function isDatabaseUnavailable(error: unknown): boolean {
  return outage(error) !== null;
}

/**
 * The code that says the database cannot be reached (`ECONNREFUSED`, `08P01` …), and for a connection exception the server's or pooler's own words ("query_wait_timeout",
 * "server login has been failing …", kept by db/safe-errors.ts): what an operator reads in the log.
 */
export function outage(error: unknown): { reason: string; message?: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const e = current as {
      code?: unknown;
      errors?: unknown;
      cause?: unknown;
      err?: unknown;
      connectionMessage?: unknown;
    };
    if (typeof e.code === "string" && (UNAVAILABLE_CODES.has(e.code) || CONNECTION_EXCEPTION.test(e.code)))
      return typeof e.connectionMessage === "string"
        ? { reason: e.code, message: e.connectionMessage }
        : { reason: e.code };
    if (Array.isArray(e.errors))
      for (const inner of e.errors) {
        const found = outage(inner);
        if (found) return found;
      }
    // Auth.js wraps what authorize() threw as `error.cause.err`.
    current = e.cause ?? e.err;
  }
  return null;
}
