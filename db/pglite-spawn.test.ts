import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPgliteEarly, takeEarlyPgliteThread } from "./pglite-spawn.mjs";
import { PGliteThread } from "./pglite-thread";

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

  it("is stopped when the database opened is another one", CREATION, async () => {
    openPgliteEarly({ PGLITE_DIR: dir });
    expect(takeEarlyPgliteThread({ dataDir: "memory://", migrationsFolder })).toBeUndefined();
    expect(takeEarlyPgliteThread({ dataDir: dir, migrationsFolder })).toBeUndefined(); // gone, not kept
  });

  it("is not started on PostgreSQL or with the tests' template", () => {
    openPgliteEarly({ DATABASE_URL: "postgres://u@h/db", PGLITE_DIR: dir });
    openPgliteEarly({ PGLITE_TEMPLATE: "/tmp/template.tar", PGLITE_DIR: dir });
    expect(takeEarlyPgliteThread({ dataDir: dir, migrationsFolder })).toBeUndefined();
  });
});
