// Starts the PGlite thread (db/pglite-worker.mjs) and follows it from its first moment: whether it is ready, and
// why it stopped. db/pglite-thread.ts drives it. The production server starts it early (openPgliteEarly, from
// scripts/server.mjs, before Next.js is loaded), so that the thread opens the database (compiling PGlite's
// WebAssembly and starting PostgreSQL, ~0.4–1 s of CPU) on the second core while the main thread loads Next.js;
// db/client.ts then takes that thread instead of starting one. Plain .mjs: the server loads it as a file and the
// bundles their own copy, so what they share lives on globalThis under a Symbol.for key.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { pgliteDir, settingValue } from "./pglite-dir.mjs";
import { wasmBaselineOnly } from "./pglite-v8.mjs";

/** Found from the working directory: a plain file outside the bundle, like workers/bcrypt.mjs. */
export const PGLITE_THREAD_FILE = path.join(process.cwd(), "db", "pglite-worker.mjs");
const EARLY = Symbol.for("accounts.pglite-early");

/** What a thread is started with; the same fields in the same order, so two can be compared. */
const jobOf = ({ dataDir, template, migrationsFolder }) => ({ dataDir, template, migrationsFolder });

/**
 * A started thread: `worker`, `ready` (resolves on its ready message, rejects when it stops first) and
 * `onStop(listener)`, told why it stopped (at once if it already has).
 */
export function spawnPgliteThread(job) {
  const worker = new Worker(PGLITE_THREAD_FILE, { workerData: jobOf(job) });
  const listeners = new Set();
  let failure;
  let notReady = () => {};
  const ready = new Promise((resolve, reject) => {
    notReady = reject;
    const onMessage = (m) => {
      if (!m?.ready) return;
      worker.off("message", onMessage);
      resolve();
    };
    worker.on("message", onMessage);
  });
  ready.catch(() => {}); // the owner awaits it; until then a failure is kept, not unhandled
  const stopped = (error) => {
    failure ??= error;
    notReady(failure); // no effect once ready
    for (const listener of listeners) listener(failure);
  };
  worker.on("error", stopped);
  worker.on("exit", (code) => stopped(new Error(`the PGlite thread stopped (exit code ${code})`)));
  const onStop = (listener) => {
    listeners.add(listener);
    if (failure) listener(failure);
  };
  return { worker, ready, onStop };
}

/**
 * scripts/server.mjs, before it loads Next.js: starts the thread for the database db/client.ts will open, read
 * from the environment as db/settings.ts reads it (db/pglite-dir.mjs: PGlite when DATABASE_URL is empty; PGLITE_DIR
 * or .data/pglite). Not with a PGLITE_TEMPLATE (the tests'). A thread that db/client.ts does not claim (another
 * database after all) is stopped by takeEarlyPgliteThread. Returns whether the server runs on PGlite.
 */
export function openPgliteEarly(env) {
  if (settingValue(env.DATABASE_URL)) return false;
  // The thread sets it too; set here, it is the same for every module the server compiles (db/pglite-v8.mjs).
  wasmBaselineOnly();
  if (settingValue(env.PGLITE_TEMPLATE)) return true;
  const dataDir = pgliteDir(env.PGLITE_DIR);
  if (!dataDir.includes("://")) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch {
      return true; // db/client.ts opens it the ordinary way and reports the problem
    }
  }
  const job = jobOf({ dataDir, migrationsFolder: path.join(process.cwd(), "db", "migrations") });
  globalThis[EARLY] = { key: JSON.stringify(job), thread: spawnPgliteThread(job) };
  return true;
}

/** The thread openPgliteEarly started, when it is for this job; once. Any other early thread is stopped. */
export function takeEarlyPgliteThread(job) {
  const early = globalThis[EARLY];
  if (!early) return undefined;
  globalThis[EARLY] = undefined;
  if (early.key === JSON.stringify(jobOf(job))) return early.thread;
  void early.thread.worker.terminate();
  return undefined;
}
