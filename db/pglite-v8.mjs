// V8's flag for PGlite's WebAssembly, on its own so that scripts/server.mjs (through db/pglite-spawn.mjs) can set it
// before it loads anything else, without loading PGlite: V8 keeps its flags in every entry of the server's code
// cache (scripts/compile-cache.mjs), so a flag set part-way through start-up would make part of the cache useless.
import v8 from "node:v8";

/**
 * PGlite's WebAssembly compiled by V8's baseline compiler (Liftoff) only. By default V8 re-compiles hot
 * functions with its optimising compiler (TurboFan) in background threads, and PostgreSQL's start-up runs a
 * great deal of code: that kept ~45 MB of the process for good and took CPU from the server's own start.
 * The app's queries (indexed lookups of a few rows) cost the same without it; a query that sorts or groups
 * 100,000 rows runs ~1.3–1.5 times slower (BENCHMARKS.md, "H1 — the first start on PGlite"). V8 has one set
 * of flags per process, and PGlite is the only WebAssembly the server runs. Set before the module is compiled.
 */
export function wasmBaselineOnly() {
  v8.setFlagsFromString("--liftoff-only");
}
