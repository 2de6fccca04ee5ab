// The options every PGlite of this app opens with: the long-lived thread (db/pglite-worker.mjs), the
// short-lived process that creates a new database (db/pglite-init.mjs) and the tests' template
// (vitest/global-setup.ts). A database is created and opened with the same settings and extensions.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { filesOnly } from "./pglite-extension-files.mjs";
import { wasmBaselineOnly } from "./pglite-v8.mjs";

export const PGLITE_OPTIONS = {
  // PostgreSQL's shared memory lives in the WebAssembly heap, resident for good, and its start zeroes all of it in
  // WebAssembly (~5 ms a MB). shared_buffers: PostgreSQL's default of 128 MB is PGlite's too; 8 MB holds a small
  // database's hot pages, and a page past them is read from the operating system's cache. The rest is sized for the
  // one backend PGlite runs. 24 → 11 MB in all: a later start ~33 ms sooner (BENCHMARKS.md, round 13).
  postgresqlconf: [
    "shared_buffers=8MB",
    "max_connections=4",
    "autovacuum_worker_slots=1",
    "max_wal_senders=0",
    "max_replication_slots=0",
  ],
  // The console's trigram search (migration 0014); its library is loaded when first called, not at every open.
  extensions: { pg_trgm: filesOnly(pg_trgm) },
};

/**
 * PGlite's WebAssembly, read and compiled (on V8's background threads) with wasmBaselineOnly's flag, for PGlite's
 * `pgliteWasmModule`: the PGlite thread starts it before it loads PGlite's JavaScript, which would otherwise read
 * and compile it only once opening. Resolved from the working directory's package, as the thread's file is
 * (a bundled copy of this file has no `import.meta.resolve`). Undefined when it cannot be read or compiled:
 * PGlite then loads its WebAssembly itself, and reports what is wrong.
 */
export function compilePgliteWasm() {
  wasmBaselineOnly();
  let file;
  try {
    file = createRequire(path.join(process.cwd(), "package.json")).resolve("@electric-sql/pglite/pglite.wasm");
  } catch {
    return Promise.resolve(undefined);
  }
  // Never a rejection: one would end the thread unhandled while it creates a new database, before it awaits this.
  return readFile(file)
    .then((bytes) => WebAssembly.compile(bytes))
    .catch(() => undefined);
}
