// A new PGlite database is created in a short-lived process (db/pglite-init.mjs), whose memory is given
// back when it exits, and only then opened by the long-lived PGlite thread (db/pglite-worker.mjs).
// Measured: a worker thread that ran initdb and was terminated kept ~120 MB of the process (the C heap
// arenas its thread had grown); a process keeps nothing (BENCHMARKS.md, "The first start on PGlite").
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { runInit } from "./pglite-init-process.mjs";
import { migratedTemplate } from "./pglite-template.mjs";

/** Where the new database is made, inside the data directory: same filesystem, so moving it is a rename. */
const STAGING = ".pglite-new";

/**
 * Without a tarball to start from, a copy of the migrated template (db/pglite-template.mjs, made first when
 * there is none); when that cannot be had (a read-only checkout, say), the database is made here.
 */
async function stage({ staging, template, migrationsFolder }) {
  if (!template && migrationsFolder) {
    let source;
    try {
      source = await migratedTemplate(migrationsFolder, (dataDir) => runInit({ dataDir, migrationsFolder }));
    } catch {
      // made directly below
    }
    if (source) return cpSync(source, staging, { recursive: true });
  }
  await runInit({ dataDir: staging, template, migrationsFolder });
}

/**
 * Creates the database in `dataDir` (a directory without PG_VERSION): copied from the template (or made and
 * migrated) in a staging directory inside it, then moved up entry by entry, PG_VERSION last. PGlite takes a directory with
 * PG_VERSION for a finished database, so a start interrupted anywhere here leaves a directory the next
 * start creates again: it first clears the staging directory and whatever of PostgreSQL's own entries
 * (base, global, pg_wal …) an earlier move had placed.
 */
export async function createDataDir({ dataDir, template, migrationsFolder }) {
  const staging = path.join(dataDir, STAGING);
  // Not `recursive` (db/client.ts makes the parents): Node 20's recursive mkdir spins for ever under /proc.
  if (!existsSync(dataDir)) mkdirSync(dataDir);
  rmSync(staging, { recursive: true, force: true });
  await stage({ staging, template, migrationsFolder });
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
