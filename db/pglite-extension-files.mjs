// A PGlite extension whose files are written into PGlite's file system as it starts, and nothing more.
// PGlite's own loading of an extension bundle streams the tarball through gunzip (loading Node's stream and zlib
// modules into the thread), untars it with its own reader, then compiles and links its shared library (`.so`)
// before PostgreSQL starts, whether or not a query will call it: on every open of the database, ~30–50 ms on the
// critical path of a start on PGlite, most of it the loading rather than the compile (BENCHMARKS.md, "Issue 34,
// round 10").
// Written as a plain file, the library is loaded by PostgreSQL itself the first time one of its functions is
// called (Emscripten's dlopen compiles it then, ~10 ms once): for pg_trgm, the first write to a trigram index
// or the first trigram search, not the start.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseTar } from "nanotar";

/** The files of an extension bundle (a .tar.gz): path inside PGlite's prefix → contents. */
function bundleFiles(bundlePath) {
  const tar = gunzipSync(readFileSync(bundlePath));
  const entries = parseTar(tar.buffer.slice(tar.byteOffset, tar.byteOffset + tar.byteLength));
  return entries
    .filter((entry) => entry.type === "file" && entry.data && !entry.name.startsWith("."))
    .map((entry) => [entry.name, entry.data]);
}

/**
 * `extension` (one of PGlite's, e.g. `pg_trgm` from `@electric-sql/pglite/contrib/pg_trgm`) with its bundle's
 * files written before PostgreSQL starts instead of loaded by PGlite. The bundle is the one PGlite's own setup
 * names, so it is always the version of the installed PGlite.
 */
export function filesOnly(extension) {
  return {
    name: extension.name,
    async setup(pg, emscriptenOpts) {
      const { bundlePath, ...rest } = await extension.setup(pg, emscriptenOpts);
      if (!bundlePath) return rest;
      const files = bundleFiles(bundlePath);
      const opts = rest.emscriptenOpts ?? emscriptenOpts;
      const writeFiles = (mod) => {
        for (const [name, data] of files) {
          const file = `${mod.WASM_PREFIX}/${name}`;
          const dir = file.slice(0, file.lastIndexOf("/"));
          if (!mod.FS.analyzePath(dir).exists) mod.FS.mkdirTree(dir);
          mod.FS.writeFile(file, data);
        }
      };
      return { ...rest, emscriptenOpts: { ...opts, preRun: [...(opts.preRun ?? []), writeFiles] } };
    },
  };
}
