// A new PGlite database is created in a short-lived process (db/pglite-init.mjs), whose memory is given
// back when it exits, and only then opened by the long-lived PGlite thread (db/pglite-worker.mjs).
// Measured: a worker thread that ran initdb and was terminated kept ~120 MB of the process (the C heap
// arenas its thread had grown); a process keeps nothing (BENCHMARKS.md, "The first start on PGlite").
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * Found from the working directory, like the thread's own file: the production build bundles the PGlite
 * thread (this module with it), but the process runs the file as it is, beside its imports.
 */
const INIT_FILE = path.join(process.cwd(), "db", "pglite-init.mjs");
/** Where the new database is made, inside the data directory: same filesystem, so moving it is a rename. */
const STAGING = ".pglite-new";

/** Runs db/pglite-init.mjs; resolves with what it wrote to stdout. */
function runInit(job) {
  return new Promise((resolve, reject) => {
    // NODE_OPTIONS is the server's (a debugger's port, a preloaded module): not this process's business.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [INIT_FILE, JSON.stringify(job)], {
      env,
      stdio: ["ignore", "pipe", "pipe", "ipc"], // the channel: the process stops if this one goes away
    });
    const out = [];
    let err = "";
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => (err = (err + d).slice(-2000)));
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`creating the PGlite database failed (${signal ?? `exit code ${code}`}): ${err.trim()}`));
    });
  });
}

/**
 * Creates the database in `dataDir` (a directory without PG_VERSION): made and migrated in a staging
 * directory inside it, then moved up entry by entry, PG_VERSION last. PGlite takes a directory with
 * PG_VERSION for a finished database, so a start interrupted anywhere here leaves a directory the next
 * start creates again: it first clears the staging directory and whatever of PostgreSQL's own entries
 * (base, global, pg_wal …) an earlier move had placed.
 */
export async function createDataDir({ dataDir, template, migrationsFolder }) {
  const staging = path.join(dataDir, STAGING);
  // Not `recursive` (db/client.ts makes the parents): Node 20's recursive mkdir spins for ever under /proc.
  if (!existsSync(dataDir)) mkdirSync(dataDir);
  rmSync(staging, { recursive: true, force: true });
  await runInit({ dataDir: staging, template, migrationsFolder });
  const entries = readdirSync(staging).filter((name) => name !== "PG_VERSION");
  for (const name of [...entries, "PG_VERSION"]) {
    const target = path.join(dataDir, name);
    rmSync(target, { recursive: true, force: true });
    renameSync(path.join(staging, name), target);
  }
  rmSync(staging, { recursive: true, force: true });
}

/** A new in-memory database, as a dumpDataDir tarball for the thread's PGlite to load. */
export function createTarball({ migrationsFolder }) {
  return runInit({ dataDir: "memory://", migrationsFolder });
}
