import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileCacheDir } from "./compile-cache.mjs";

// The production server's code cache (scripts/compile-cache.mjs), in processes of their own as the server uses it:
// each run below is one start that loads a few CommonJS modules and then writes what it compiled.
describe.skipIf(process.env.TEST_DB === "postgres")("the server's code cache", () => {
  const base = mkdtempSync(path.join(os.tmpdir(), "accounts-compile-cache-"));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const CACHE_FILE = path.join(process.cwd(), "scripts", "compile-cache.mjs");

  /** A folder of modules under the cache's root, and one outside it. */
  function modules(name: string) {
    const root = path.join(base, name, "mods");
    mkdirSync(path.join(root, "lib"), { recursive: true });
    writeFileSync(
      path.join(root, "a.js"),
      `const b = require("./lib/b.js");
module.exports = { answer: () => 40 + b.two(), dir: __dirname, file: __filename, found: require.resolve("./lib/b.js") };`,
    );
    writeFileSync(path.join(root, "lib", "b.js"), `exports.two = function two() { return 2; };`);
    writeFileSync(path.join(root, "dynamic.js"), `module.exports = () => import("node:path").then((p) => p.sep);`);
    writeFileSync(path.join(base, name, "outside.js"), `module.exports = "outside";`);
    return root;
  }

  /** One start: sets `flags` (V8 flags, changed after the first module, as the server does), loads, saves. */
  function start(root: string, dir: string, load: string[], flags: string[] = []) {
    const driver = `
      import { createRequire } from "node:module";
      import v8 from "node:v8";
      const { startCompileCache } = await import(${JSON.stringify(CACHE_FILE)});
      const flags = ${JSON.stringify(flags)};
      let now = flags[0] ?? "";
      if (now) v8.setFlagsFromString(now);
      const cache = startCompileCache(${JSON.stringify(dir)}, { roots: [${JSON.stringify(root + path.sep)}], flagsNow: () => now });
      const require = createRequire(${JSON.stringify(path.join(root, "x.js"))});
      const out = {};
      for (const [i, id] of ${JSON.stringify(load)}.entries()) {
        if (i === 1 && flags[1]) v8.setFlagsFromString((now = flags[1]));
        const m = require(id);
        out[id] = typeof m === "function" ? await m() : typeof m === "string" ? m : m.two ? m.two() : { ...m, answer: m.answer() };
      }
      cache.save();
      console.log(JSON.stringify({ out, counts: cache.counts }));`;
    return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", driver], { encoding: "utf8" }));
  }

  it("runs a module from its cached code on the next start, with the same require, __dirname and exports", () => {
    const root = modules("same");
    const dir = path.join(base, "same", "cache");
    const first = start(root, dir, ["./a.js"]);
    expect(first.counts).toEqual({ cached: 0, compiled: 2, rejected: 0 });
    expect(readdirSync(dir)).toHaveLength(2);
    const second = start(root, dir, ["./a.js"]);
    expect(second.counts).toEqual({ cached: 2, compiled: 0, rejected: 0 });
    expect(second.out).toEqual(first.out);
    expect(second.out["./a.js"]).toEqual({
      answer: 42,
      dir: root,
      file: path.join(root, "a.js"),
      found: path.join(root, "lib", "b.js"),
    });
  });

  it("compiles a changed module from its source, even one of the same length", () => {
    const root = modules("changed");
    const dir = path.join(base, "changed", "cache");
    start(root, dir, ["./a.js"]);
    const b = path.join(root, "lib", "b.js");
    const changed = readFileSync(b, "utf8").replace("return 2", "return 3");
    expect(changed.length).toBe(readFileSync(b, "utf8").length);
    writeFileSync(b, changed);
    const after = start(root, dir, ["./a.js"]);
    expect(after.out["./a.js"].answer).toBe(43);
    expect(after.counts).toEqual({ cached: 1, compiled: 1, rejected: 0 });
    expect(start(root, dir, ["./a.js"]).counts).toEqual({ cached: 2, compiled: 0, rejected: 0 });
  });

  it("writes each module under the V8 flags it was compiled under, so a flag changed after start-up costs nothing", () => {
    const root = modules("flags");
    const dir = path.join(base, "flags", "cache");
    const flags = ["--semi-space-growth-factor=1", "--semi-space-growth-factor=2"];
    start(root, dir, ["./lib/b.js", "./a.js"], flags);
    expect(start(root, dir, ["./lib/b.js", "./a.js"], flags).counts).toEqual({ cached: 2, compiled: 0, rejected: 0 });
  });

  it("leaves a module that calls import(), and files outside its roots, to Node.js", () => {
    const root = modules("left");
    const dir = path.join(base, "left", "cache");
    const run = start(root, dir, ["./dynamic.js", "../outside.js"]);
    expect(run.out).toEqual({ "./dynamic.js": path.sep, "../outside.js": "outside" });
    expect(run.counts).toEqual({ cached: 0, compiled: 0, rejected: 0 });
    expect(existsSync(dir)).toBe(false);
  });

  it("is no cache, and no error, where its directory cannot be written", () => {
    const root = modules("readonly");
    const blocked = path.join(base, "readonly", "a-file");
    writeFileSync(blocked, "");
    const dir = path.join(blocked, "cache");
    expect(start(root, dir, ["./a.js"]).out["./a.js"].answer).toBe(42);
    expect(start(root, dir, ["./a.js"]).counts).toEqual({ cached: 0, compiled: 2, rejected: 0 });
  });

  it("keeps one build's entries: another build's directory is removed", () => {
    const root = path.join(base, "builds");
    mkdirSync(path.join(root, "old-build", "postgresql"), { recursive: true });
    mkdirSync(path.join(root, "new-build", "pglite"), { recursive: true });
    expect(compileCacheDir(root, "new-build", "postgresql")).toBe(path.join(root, "new-build", "postgresql"));
    expect(readdirSync(root)).toEqual(["new-build"]);
    expect(compileCacheDir(root, undefined, "postgresql")).toBeUndefined();
  });
});
