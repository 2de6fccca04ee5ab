import "server-only";
import path from "node:path";
import Piscina from "piscina";
import { getEnv } from "../env";
import { onShutdown } from "../process-store.mjs";

/**
 * The worker-thread pool that runs bcrypt off the event loop, one thread per core by default
 * (BCRYPT_THREADS). The worker is a plain .mjs file outside the bundle, found from the working
 * directory (the project root under `npm start`, `next dev` and vitest; traced into the build by
 * next.config.mjs). One pool per process, kept on globalThis (under a Symbol.for key, the same in every
 * bundle) so dev reloads do not leak threads; closed at shutdown through lib/process-store.mjs.
 */
export const BCRYPT_WORKER_FILE = path.join(process.cwd(), "workers", "bcrypt.mjs");

const POOL = Symbol.for("accounts.bcrypt-pool");
const globalForPool = globalThis as unknown as { [POOL]?: Piscina };

export function passwordPool(): Piscina {
  if (!globalForPool[POOL]) {
    const threads = getEnv().BCRYPT_THREADS;
    onShutdown(closePasswordPool);
    globalForPool[POOL] = new Piscina({
      filename: BCRYPT_WORKER_FILE,
      // Started when a password is first hashed or compared, and closed after a minute without one:
      // each thread is a V8 isolate of ~20 MB, idle most of the time (BENCHMARKS.md, memory).
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      // The threads run at a lower priority than the event loop (Linux: per thread), so hashing
      // uses every idle cycle but never makes a cheap request wait for a core.
      niceIncrement: 10,
    });
  }
  return globalForPool[POOL];
}

/** Stops the pool's threads (graceful shutdown, tests). */
export async function closePasswordPool(): Promise<void> {
  const pool = globalForPool[POOL];
  globalForPool[POOL] = undefined;
  await pool?.destroy();
}
