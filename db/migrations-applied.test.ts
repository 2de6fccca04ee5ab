import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "./client";
import { LAST_APPLIED_SQL, migrationsApplied, newestMigrationMillis } from "./migrations-applied";

// The check start-up makes before drizzle's migrator (db/client.ts), on the file's migrated database.
const MIGRATIONS = path.join("db", "migrations");

/** The rows of LAST_APPLIED_SQL, from either driver (postgres.js answers rows, PGlite `{ rows }`). */
async function lastApplied() {
  const result = (await (await getDb()).execute(sql.raw(LAST_APPLIED_SQL))) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { last: unknown }[];
}

/** A copy of the migrations folder whose journal ends with one migration more, not applied anywhere. */
function withPendingMigration() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "accounts-migrations-"));
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8"));
  const last = journal.entries.at(-1);
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_pending" });
  writeFileSync(journalFile, JSON.stringify(journal));
  writeFileSync(path.join(dir, "9999_pending.sql"), "select 1;");
  return dir;
}

describe("migrationsApplied (start-up skips drizzle's migrator only when nothing is pending)", () => {
  const pending = withPendingMigration();
  afterAll(() => rmSync(pending, { recursive: true, force: true }));

  it("answers true on a database that holds every migration of the folder", async () => {
    expect(await migrationsApplied(lastApplied, MIGRATIONS)).toBe(true);
  });

  it("answers false when the journal has a migration newer than the last one recorded", async () => {
    expect(newestMigrationMillis(pending)).toBe(newestMigrationMillis(MIGRATIONS) + 1);
    expect(await migrationsApplied(lastApplied, pending)).toBe(false);
  });

  it("answers false, so the migrator runs, when nothing is recorded or the question fails", async () => {
    expect(await migrationsApplied(async () => [{ last: null }], MIGRATIONS)).toBe(false);
    expect(await migrationsApplied(async () => [], MIGRATIONS)).toBe(false);
    const missing = Object.assign(new Error('relation "drizzle.__drizzle_migrations" does not exist'), {
      code: "42P01",
    });
    expect(await migrationsApplied(() => Promise.reject(missing), MIGRATIONS)).toBe(false);
  });
});
