import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Whether a database already holds every migration of the folder, asked with one query before drizzle's
 * migrator is started. The migrator reads and hashes every SQL file, creates its schema and table if they
 * are missing, takes the last recorded migration and opens a transaction, on every start; on PostgreSQL it
 * also needs its own connection and the advisory lock. Its rule is the one used here: a migration runs when
 * its journal `when` is newer than the last `created_at` recorded. So when the last recorded one is at least
 * the journal's newest, the migrator would do nothing, and start-up skips it. Anything else (a pending
 * migration, no migrations table yet, any error) goes the migrator's way as before, with its lock: several
 * instances starting at once on one database only read here.
 */
export const LAST_APPLIED_SQL = "select max(created_at) as last from drizzle.__drizzle_migrations";

/** The journal's newest migration time (drizzle-kit's `when`, milliseconds). */
export function newestMigrationMillis(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/**
 * True when `query` (LAST_APPLIED_SQL's rows) shows every migration applied; false when one is pending or the
 * question cannot be answered (the migrator then runs, and reports a real failure itself).
 */
export async function migrationsApplied(
  query: () => Promise<{ last: unknown }[]>,
  migrationsFolder: string,
): Promise<boolean> {
  let last: unknown;
  try {
    last = (await query())[0]?.last;
  } catch {
    return false;
  }
  if (last === null || last === undefined) return false;
  return Number(last) >= newestMigrationMillis(migrationsFolder);
}
