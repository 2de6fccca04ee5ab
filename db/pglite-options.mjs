// The options every PGlite of this app opens with: the long-lived thread (db/pglite-worker.mjs), the
// short-lived process that creates a new database (db/pglite-init.mjs) and the tests' template
// (vitest/global-setup.ts). A database is created and opened with the same settings and extensions.
import v8 from "node:v8";

export const PGLITE_OPTIONS = {
  // shared_buffers: PostgreSQL's default of 128 MB is PGlite's too, and all of it ends up resident in the
  // WebAssembly heap; 16 MB holds this app's hot pages (measured in BENCHMARKS.md: ~120 MB less RSS).
  postgresqlconf: ["shared_buffers=16MB"],
};

/*
 * How V8 compiles PGlite's WebAssembly. It starts every function with its baseline compiler (Liftoff) and
 * re-compiles the hot ones with its optimising one (TurboFan) in background threads. PostgreSQL's start-up
 * runs a great deal of code once, and with V8's default budget much of it was tiered up: ~50 MB of the
 * process kept for good and CPU taken from the server's own start (BENCHMARKS.md, "The first start on
 * PGlite"). V8 has one set of flags per process; PGlite is the only WebAssembly the server runs. Each is set
 * before the module is compiled.
 */

/** The thread that serves queries: a function is optimised after 10 times V8's default work (1.8 M). */
export function wasmTieringForServing() {
  v8.setFlagsFromString("--wasm-tiering-budget=18000000");
}

/** The process that creates a database and exits: nothing it runs lives long enough to gain from TurboFan. */
export function wasmBaselineOnly() {
  v8.setFlagsFromString("--liftoff-only");
}
