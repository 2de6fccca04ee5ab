// What the production server (scripts/server.mjs, plain Node outside the bundle) and lib/ (inside
// Next.js's bundles) share within one process. The two sides load separate copies of this file, so
// the state lives on globalThis under a Symbol.for key: the one name every copy resolves to the same
// object. Types: process-store.d.mts.
import { AsyncLocalStorage } from "node:async_hooks";

const KEY = Symbol.for("accounts.process-store");

function shared() {
  globalThis[KEY] ??= {
    requests: new AsyncLocalStorage(),
    startUp: deferred(),
    closers: [],
    stoppers: [],
    stopping: null,
  };
  return globalThis[KEY];
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

/** Runs one request with its context (the socket's address, the outage mark) available to lib/. */
export function runRequest(context, handle) {
  return shared().requests.run(context, handle);
}

/**
 * Runs `fn` outside the request being served: work a request only sets going (a worker's pass) is not that
 * request's, so it must not see its address or the administrator acting in it.
 */
export function outsideRequest(fn) {
  return shared().requests.exit(fn);
}

/** Called by scripts/server.mjs before it starts: every request it serves carries the socket's address. */
export function announceSocketAddresses() {
  shared().socketAddresses = true;
}

/** True under scripts/server.mjs; false under `next start`, `next dev` or Vercel (no socket address). */
export function servedWithSocketAddresses() {
  return shared().socketAddresses === true;
}

/** The context of the request being served, or undefined (next dev, Vercel, tests, start-up). */
export function currentRequest() {
  return shared().requests.getStore();
}

/**
 * Pages cannot choose their status: an error thrown while rendering becomes error.tsx with a 500. When
 * that error is a database outage, "try again shortly" (503 + Retry-After) is the truthful answer — a
 * load balancer or a client retries it, and it is not reported as a bug — so lib/http/outage.ts marks
 * the request here, and answer503OnOutage turns that request's 500 into a 503. (The JSON API needs none
 * of this: route() answers its own 503 problem, code `unavailable`.)
 */
export function markDatabaseOutage() {
  const context = currentRequest();
  if (context) context.databaseUnavailable = true;
}

/**
 * An administrator acting as the account (an impersonation session, lib/sessions/resolve.ts): marked on the
 * request once its caller is resolved, so every security event the request records names them as its actor
 * (lib/security/events.ts) without each change having to pass it along.
 */
export function markRequestActor(actorId) {
  const context = currentRequest();
  if (context) context.actorId = actorId;
}

/** The administrator acting in the request being served (markRequestActor), or null. */
export function requestActor() {
  return currentRequest()?.actorId ?? null;
}

/** The 500 → 503 mechanism above, on the server's side: the one place a status line is rewritten. */
export function answer503OnOutage(res, context) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    if (status === 500 && context.databaseUnavailable) {
      res.setHeader("Retry-After", "5");
      return writeHead.call(this, 503, ...rest);
    }
    return writeHead.call(this, status, ...rest);
  };
}

/** Resolves once lib/startup/start.ts has checked the environment and migrated (the server opens its port then). */
export function startUpFinished() {
  return shared().startUp.promise;
}

/** Called by lib/startup/start.ts when start-up is done; harmless when no server is waiting. */
export function reportStartedUp() {
  shared().startUp.resolve();
}

/**
 * The environment as lib/env.ts validated it, once it has: for code every request loads that must not carry
 * the validator itself (proxy.ts, through lib/env-published.ts). Undefined before the first getEnv().
 */
export function publishEnv(env) {
  shared().env = env;
}

export function publishedEnv() {
  return shared().env;
}

/** Registers something to close at shutdown (the database pool, the bcrypt threads). */
export function onShutdown(close) {
  shared().closers.push(close);
}

/**
 * Registers work to stop at SIGTERM before anything is closed (the mail outbox): `stop` takes no new
 * work and resolves when what is in flight has finished.
 */
export function onStopWork(stop) {
  shared().stoppers.push(stop);
}

/** SIGTERM: every background worker stops taking work (at once); resolves when they are idle. */
export function stopWork() {
  const store = shared();
  store.stopping ??= Promise.all(
    store.stoppers.splice(0).map((stop) =>
      Promise.resolve()
        .then(stop)
        .catch(() => {}),
    ),
  );
  return store.stopping;
}

/** Stops the workers (stopWork), then closes everything registered, each failure ignored (the process is exiting). */
export async function shutDown() {
  await stopWork();
  const closers = shared().closers.splice(0);
  await Promise.all(
    closers.map((close) =>
      Promise.resolve()
        .then(close)
        .catch(() => {}),
    ),
  );
}
