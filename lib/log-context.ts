import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The fields every log line written while a request is handled carries (its requestId): the route wrapper
 * (lib/http/route.ts) sets them on every request, the logger (lib/log.ts) reads them for each line. On its own
 * so that the wrapper does not load the logger until it has something to log. One store per process (on
 * globalThis under a Symbol.for key), whichever bundle sets or reads it.
 */
export type LogFields = Record<string, unknown>;

const KEY = Symbol.for("accounts.log-context");
const g = globalThis as unknown as { [KEY]?: AsyncLocalStorage<LogFields> };
const context = (g[KEY] ??= new AsyncLocalStorage<LogFields>());

/** Runs `fn` with fields (e.g. the request id) added to every line it logs. */
export function withLogContext<T>(fields: LogFields, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

/** The fields of the code running now (empty outside withLogContext). */
export function logContext(): LogFields {
  return context.getStore() ?? {};
}

/**
 * Runs `fn` with no fields: work a request only sets going (a worker's pass, woken after its response) is not
 * that request's, and its lines must not carry its id or fields.
 */
export function withoutLogContext<T>(fn: () => T): T {
  return context.exit(fn);
}
