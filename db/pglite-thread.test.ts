import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { PGliteThread } from "./pglite-thread";

// PGlite's own thread, driven directly: the rest of the suite drives it through drizzle (db/client.ts).
// Its databases start from the run's migrated template (vitest/global-setup.ts), as every file's does.
describe.skipIf(process.env.TEST_DB === "postgres")("PGlite in its own thread", () => {
  const template = process.env.TEST_DB === "postgres" ? undefined : inject("pgliteTemplate");
  const db = new PGliteThread("memory://", { template });
  afterAll(() => db.close());

  it("answers queries with parameters, as rows or arrays, dates kept as text when asked", async () => {
    await db.waitReady;
    await db.exec("create table t (id int primary key, name text not null, at timestamptz not null default now())");
    await db.query("insert into t (id, name) values ($1, $2)", [1, "one"]);
    const rows = await db.query<{ rows: { id: number; name: string; at: unknown }[] }>("select * from t");
    expect(rows.rows).toEqual([{ id: 1, name: "one", at: expect.any(Date) }]);
    const arrays = await db.query<{ rows: unknown[][] }>("select name, at from t where id = $1", [1], {
      rowMode: "array",
      parsers: { 1184: (v: string) => v },
    });
    expect(arrays.rows[0]![0]).toBe("one");
    expect(arrays.rows[0]![1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
  });

  it("commits a transaction that finishes, and rolls back one that throws, leaving nothing half-written", async () => {
    await db.transaction(async (tx) => {
      await tx.query("insert into t (id, name) values ($1, $2)", [2, "two"]);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into t (id, name) values ($1, $2)", [3, "three"]);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    const ids = await db.query<{ rows: { id: number }[] }>("select id from t order by id");
    expect(ids.rows.map((r) => r.id)).toEqual([1, 2]);
  });

  it("passes PostgreSQL's error code and constraint back, without the query's parameters", async () => {
    const error: Error = await db
      .query("insert into t (id, name) values ($1, $2)", [1, "secret-value"])
      .then(() => new Error("no error"))
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: "23505", constraint: "t_pkey" });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain("secret-value");
  });

  it("searches by a fragment through the trigram index, whose library PostgreSQL loads on first use", async () => {
    // pg_trgm's library is written into PGlite's file system as a plain file (db/pglite-extension-files.mjs),
    // not loaded at open: the first write to a trigram index and the first trigram search load it.
    await db.exec("create table words (w text not null)");
    await db.exec("create index words_trgm on words using gin (w gin_trgm_ops)");
    await db.query("insert into words (w) select 'word' || n from generate_series(1, 200) n");
    await db.query("insert into words (w) values ($1)", ["needle-in-a-haystack"]);
    await db.exec("set enable_seqscan = off");
    const plan = await db.query<{ rows: Record<string, string>[] }>(
      "explain select w from words where w ilike '%in-a-hay%'",
    );
    expect(plan.rows.map((r) => Object.values(r)[0]).join("\n")).toContain("words_trgm");
    const found = await db.query<{ rows: { w: string }[] }>("select w from words where w ilike $1", ["%in-a-hay%"]);
    expect(found.rows).toEqual([{ w: "needle-in-a-haystack" }]);
    const similar = await db.query<{ rows: { s: number }[] }>("select similarity('haystack', 'haystacks') as s");
    expect(similar.rows[0]!.s).toBeGreaterThan(0.5);
    await db.exec("reset enable_seqscan");
  });

  it("keeps the order of calls made at once", async () => {
    await db.query("create table calls (seq serial primary key, i int not null)");
    // Twenty inserts sent without waiting, each followed by a read: the sequence numbers and what each
    // read sees show the order the thread ran them in.
    const seen = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const insert = db.query("insert into calls (i) values ($1)", [i]);
        const read = db.query<{ rows: { n: number }[] }>("select count(*)::int as n from calls");
        await insert;
        return (await read).rows[0]!.n;
      }),
    );
    const rows = await db.query<{ rows: { i: number }[] }>("select i from calls order by seq");
    expect(rows.rows.map((r) => r.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("reports a database that cannot open, instead of leaving the caller waiting", async () => {
    const broken = new PGliteThread("/proc/no-such-place/pglite");
    await expect(broken.waitReady).rejects.toThrow();
    await expect(broken.query("select 1")).rejects.toThrow();
    await broken.close();
  });

  it("starts a new database from the template (migrated), and leaves a directory that has one as it is", async () => {
    const journal = JSON.parse(readFileSync(path.join("db", "migrations", "meta", "_journal.json"), "utf8"));
    const dir = mkdtempSync(path.join(os.tmpdir(), "accounts-pglite-thread-"));
    try {
      const first = new PGliteThread(dir, { template });
      await first.waitReady;
      const applied = await first.query<{ rows: { n: number }[] }>(
        "select count(*)::int as n from drizzle.__drizzle_migrations",
      );
      expect(applied.rows[0]!.n).toBe(journal.entries.length);
      await first.exec("create table kept (id int); insert into kept values (7)");
      await first.close();
      const again = new PGliteThread(dir, { template });
      await again.waitReady;
      expect((await again.query<{ rows: { id: number }[] }>("select id from kept")).rows).toEqual([{ id: 7 }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // A new database is created in a short-lived process (db/pglite-create.mjs) before the thread opens it:
  // initdb and every migration, 3–20 s on a 2-core machine shared with the rest of the suite.
  const CREATION = { timeout: 120_000 };
  const migrationsFolder = path.join("db", "migrations");
  const migrationCount = () =>
    JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")).entries.length;
  const appliedMigrations = async (db: PGliteThread) =>
    (await db.query<{ rows: { n: number }[] }>("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0]!
      .n;

  it("creates a new directory's database, migrated, in a process of its own, and opens it", CREATION, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "accounts-pglite-new-"));
    try {
      const first = new PGliteThread(dir, { migrationsFolder });
      await first.waitReady;
      expect(await appliedMigrations(first)).toBe(migrationCount());
      await first.exec("create table kept (id int); insert into kept values (7)");
      await first.close();
      expect(existsSync(path.join(dir, "PG_VERSION"))).toBe(true);
      expect(readdirSync(dir)).not.toContain(".pglite-new"); // the staging directory is gone
      const again = new PGliteThread(dir, { migrationsFolder });
      await again.waitReady;
      expect((await again.query<{ rows: { id: number }[] }>("select id from kept")).rows).toEqual([{ id: 7 }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("creates the database again over what an interrupted first start left (no PG_VERSION yet)", CREATION, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "accounts-pglite-interrupted-"));
    try {
      // A staging directory half written, and entries an interrupted move had already placed.
      mkdirSync(path.join(dir, ".pglite-new", "base"), { recursive: true });
      mkdirSync(path.join(dir, "base", "1"), { recursive: true });
      writeFileSync(path.join(dir, "base", "1", "junk"), "half a file");
      writeFileSync(path.join(dir, "postgresql.conf"), "not = a setting PostgreSQL knows");
      const db = new PGliteThread(dir, { migrationsFolder });
      await db.waitReady;
      expect(await appliedMigrations(db)).toBe(migrationCount());
      await db.close();
      expect(existsSync(path.join(dir, "base", "1", "junk"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("creates a migrated in-memory database without a template", CREATION, async () => {
    const db = new PGliteThread("memory://", { migrationsFolder });
    await db.waitReady;
    expect(await appliedMigrations(db)).toBe(migrationCount());
    await db.close();
  });

  it("reports a creation that fails, with its reason, and leaves no database behind", CREATION, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "accounts-pglite-failed-"));
    try {
      const db = new PGliteThread(dir, { migrationsFolder: path.join(dir, "no-migrations-here") });
      await expect(db.waitReady).rejects.toThrow(/creating the PGlite database failed/);
      await db.close();
      expect(existsSync(path.join(dir, "PG_VERSION"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses calls once closed, instead of leaving them waiting", async () => {
    const other = new PGliteThread("memory://", { template });
    await other.waitReady;
    await other.close();
    await expect(other.query("select 1")).rejects.toThrow(/stopped/);
  });
});
