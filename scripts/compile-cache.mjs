// V8's code cache for the production server's CommonJS modules (Next.js and the build's server chunks), kept in
// `.next/cache/compile`: a start reads each module's compiled code instead of compiling its source again, as
// Node.js 22's `module.enableCompileCache()` does (Node.js 20 has none). The first start of a build writes it.
// Measured in BENCHMARKS.md, round 12: ~130 ms less CPU and time from spawn to the first answer.
//
// Safe by construction:
//  - an entry is used only when its source's length and CRC-32 match, and V8 itself rejects code made by another
//    V8 version or under other flags (then the module compiles from source and its entry is written again);
//  - only plain CommonJS under the given roots goes through here. Everything else, and a module that calls
//    `import()` (Node.js 20 loses the dynamic-import callback of a script compiled from a cache), loads as before;
//  - writing never fails the server: where the directory cannot be written there is simply no cache.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import Module from "node:module";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { crc32 } from "node:zlib";

const HEADER = 8; // the source's length and CRC-32, 4 bytes each
const HASHBANG = Buffer.from("#!");
const [WRAP_HEAD, WRAP_TAIL] = Module.wrapper.map((part) => Buffer.from(part));

/** The cache file of one module: its path, made safe as a file name. */
const entryFile = (dir, filename) => path.join(dir, filename.replace(/[^A-Za-z0-9._-]/g, "_").slice(-200) + ".v8");

/**
 * `root/build/variant`, after removing every other build's directory under `root` (a build's chunks have new
 * names, so an old build's entries would only pile up). Undefined when `build` is.
 * @param {string} root
 * @param {string | undefined} build
 * @param {string} variant
 */
export function compileCacheDir(root, build, variant) {
  if (!build) return undefined;
  try {
    for (const old of readdirSync(root))
      if (old !== build) rmSync(path.join(root, old), { recursive: true, force: true });
  } catch {
    // no cache yet
  }
  return path.join(root, build, variant);
}

/**
 * Compiles the CommonJS modules under `roots` (paths ending in a separator) through V8's code cache in `dir`. New
 * and rejected entries are written by `save()`, a while after their first use (their functions have run by then,
 * so their code is in the entry too); it may be called at any time. `flagsNow()` is the V8 flags the caller has
 * set (a string for `v8.setFlagsFromString`): each entry is written under the flags its module was compiled under,
 * and they are set again when an entry is rejected (below).
 * Returns `{ save, counts }` (`counts`: modules `cached` and `compiled` so far, and of those compiled, how many had
 * an entry V8 `rejected`), or undefined when `dir` is unset.
 * @param {string | undefined} dir
 * @param {{ roots: string[], flagsNow?: () => string, saveAfterMs?: number }} options
 */
export function startCompileCache(dir, { roots, flagsNow = () => "", saveAfterMs = 10_000 }) {
  if (!dir) return undefined;
  const counts = { cached: 0, compiled: 0, rejected: 0 };
  /** Scripts compiled without a usable entry, by their entry file. */
  const unsaved = new Map();
  let timer;

  function save() {
    clearTimeout(timer);
    timer = undefined;
    if (unsaved.size === 0) return;
    const entries = [...unsaved];
    unsaved.clear();
    const current = flagsNow();
    try {
      mkdirSync(dir, { recursive: true });
      for (const [file, { script, header, flags }] of entries) {
        // Under the flags it was compiled under: V8 keeps them in the entry (the hash of them), and an entry written
        // under the later flags was taken at the next start, but came out no faster than compiling.
        if (flags) v8.setFlagsFromString(flags);
        // Staged under this process's own name, then renamed: two servers of one build never read half a file.
        const staged = `${file}.${process.pid}`;
        writeFileSync(staged, Buffer.concat([header, script.createCachedData()]));
        renameSync(staged, file);
      }
    } catch {
      // no cache where it cannot be written
    } finally {
      if (current) v8.setFlagsFromString(current);
    }
  }

  function compile(source, filename, cachedData) {
    let script = new vm.Script(source, { filename, cachedData });
    if (cachedData && script.cachedDataRejected) {
      // V8 keeps a hash of its flags in each entry and computes its own once, until a flag is set. Computed while
      // a worker thread's isolate was being created (the PGlite thread, started just before Next.js loads), it
      // came out different, and every entry was rejected until the next flag change. Setting the same flags
      // again makes V8 compute it afresh; an entry rejected twice was made under other flags or by another V8.
      const flags = flagsNow();
      if (flags) v8.setFlagsFromString(flags);
      script = new vm.Script(source, { filename, cachedData });
    }
    return script;
  }

  const loadJs = Module._extensions[".js"];
  Module._extensions[".js"] = function loadCached(module, filename) {
    if (!roots.some((root) => filename.startsWith(root))) return loadJs(module, filename);
    const bytes = readFileSync(filename);
    if (bytes.includes("import(") || bytes.subarray(0, 2).equals(HASHBANG)) return loadJs(module, filename);
    // Wrapped as Node.js wraps a module, and decoded once: no second copy of the source waits for a full collection.
    const source = Buffer.concat([WRAP_HEAD, bytes, WRAP_TAIL]).toString("utf8");
    const file = entryFile(dir, filename);
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(bytes.length, 0);
    header.writeUInt32LE(crc32(bytes), 4);
    const cachedData = readEntry(file, header);
    const script = compile(source, filename, cachedData);
    if (cachedData && !script.cachedDataRejected) {
      counts.cached += 1;
    } else {
      counts.compiled += 1;
      if (cachedData) counts.rejected += 1;
      unsaved.set(file, { script, header, flags: flagsNow() });
      timer ??= setTimeout(save, saveAfterMs).unref();
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    wrapper.call(module.exports, module.exports, requireFor(module), module, filename, path.dirname(filename));
  };
  return { save, counts };
}

/** The code in `file` when its header matches. */
function readEntry(file, header) {
  try {
    const entry = readFileSync(file);
    return entry.subarray(0, HEADER).equals(header) ? entry.subarray(HEADER) : undefined;
  } catch {
    return undefined; // no entry yet
  }
}

/** The `require` a module's code is given, as Node.js makes it. */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}
