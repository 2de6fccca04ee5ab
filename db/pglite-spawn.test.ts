import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "./client";
import { openPgliteEarly, takeEarlyPgliteThread } from "./pglite-spawn.mjs";
import { PGliteThread } from "./pglite-thread";

const EARLY = Symbol.for("accounts.pglite-early");

// The production server starts the PGlite thread before Next.js loads (scripts/server.mjs); db/client.ts's
// PGliteThread takes that thread over when it opens the same database.
describe.skipIf(process.env.TEST_DB === "postgres")("the PGlite thread started early", () => {
  const migrationsFolder = path.join(process.cwd(), "db", "migrations");
  const dir = mkdtempSync(path.join(os.tmpdir(), "accounts-pglite-early-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const CREATION = { timeout: 120_000 };

  it("is taken over by the database's first open, once, and answers", CREATION, async () => {
    openPgliteEarly({ PGLITE_DIR: ` ${dir} ` });
    const db = new PGliteThread(dir, { migrationsFolder });
    expect(takeEarlyPgliteThread({ dataDir: dir, migrationsFolder })).toBeUndefined(); // taken already
    await db.waitReady;
    expect((await db.query<{ rows: { n: number }[] }>("select 1 as n")).rows).toEqual([{ n: 1 }]);
    await db.close();
    await expect(db.query("select 1")).rejects.toThrow(/stopped/);
  });

  // Both read the environment through db/pglite-dir.mjs: the directory db/client.ts opens (db/settings.ts) is
  // the early thread's, here for a PGLITE_DIR written with spaces around it.
  it("is the thread db/client.ts opens the environment's database with, not replaced", CREATION, async () => {
    const spaced = path.join(dir, "spaced");
    const saved = { dir: process.env.PGLITE_DIR, template: process.env.PGLITE_TEMPLATE };
    await closeDb(); // this file's own handle (vitest/setup-db.ts), if it was opened
    process.env.PGLITE_DIR = `  ${spaced}\t`;
    delete process.env.PGLITE_TEMPLATE;
    try {
      openPgliteEarly(process.env);
      const early = (globalThis as Record<symbol, { thread: { worker: Worker } } | undefined>)[EARLY]!;
      let exited = false;
      early.thread.worker.on("exit", () => (exited = true));
      const db = await getDb();
      expect(await db.execute(sql`select 1 as n`)).toMatchObject({ rows: [{ n: 1 }] });
      expect(exited).toBe(false); // kept, not stopped for a thread of its own
      expect(existsSync(path.join(spaced, "PG_VERSION"))).toBe(true);
      await closeDb();
      expect(exited).toBe(true); // the thread that answered was the early one
    } finally {
      await closeDb();
      for (const [name, value] of [
        ["PGLITE_DIR", saved.dir],
        ["PGLITE_TEMPLATE", saved.template],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it("is stopped when the database opened is another one", CREATION, async () => {
    openPgliteEarly({ PGLITE_DIR: dir });
    expect(takeEarlyPgliteThread({ dataDir: "memory://", migrationsFolder })).toBeUndefined();
    expect(takeEarlyPgliteThread({ dataDir: dir, migrationsFolder })).toBeUndefined(); // gone, not kept
  });

  it("is not started on PostgreSQL or with the tests' template", () => {
    expect(openPgliteEarly({ DATABASE_URL: "postgres://u@h/db", PGLITE_DIR: dir })).toBe(false);
    expect(openPgliteEarly({ PGLITE_TEMPLATE: "/tmp/template.tar", PGLITE_DIR: dir })).toBe(true); // still PGlite
    expect(takeEarlyPgliteThread({ dataDir: dir, migrationsFolder })).toBeUndefined();
  });
});
