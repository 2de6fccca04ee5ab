import { z } from "zod";
import { pgliteDir, settingValue } from "./pglite-dir.mjs";

/**
 * The database's settings, validated. db/ imports nothing of ours (the layering rule), so the schema
 * lives here and lib/env.ts spreads it into the environment's schema: start-up (lib/startup/start.ts) refuses
 * a bad value with every other environment problem, and db/client.ts parses the same rules when it
 * opens the database (which may happen first, in tests and scripts), so `DATABASE_POOL_MAX=x` is an
 * error that names the variable, never `max: NaN`.
 */
const OFF = ["0", "false", "no", "off"];

export const databaseSettingsSchema = {
  /** PostgreSQL; when unset or empty, PGlite. */
  DATABASE_URL: z
    .string()
    .optional()
    .transform(settingValue)
    .pipe(z.url({ protocol: /^postgres(ql)?$/, error: "expected postgres://user:pass@host:5432/db" }).optional()),
  /**
   * The unpooled URL of the same database, for the migrations: their lock is a session-level advisory
   * lock, which a transaction-mode pooler does not keep. Defaults to DATABASE_URL unless prepared
   * statements are off (a pooler), when migrations at start are skipped without it.
   */
  DATABASE_DIRECT_URL: z
    .string()
    .optional()
    .transform(settingValue)
    .pipe(z.url({ protocol: /^postgres(ql)?$/, error: "expected postgres://user:pass@host:5432/db" }).optional()),
  /** PGlite's data directory (db/pglite-dir.mjs: the early thread of db/pglite-spawn.mjs reads it the same way). */
  PGLITE_DIR: z.string().optional().transform(pgliteDir),
  /**
   * A data-directory tarball (PGlite's dumpDataDir) that a new PGlite database starts from instead of
   * initdb; ignored when PGLITE_DIR already holds a database. The tests' one migrated template
   * (vitest/global-setup.ts). Migrations still run on open, so a stale template cannot hide a new one.
   */
  PGLITE_TEMPLATE: z.string().optional().transform(settingValue),
  /**
   * Seconds a new connection may take before the query waiting for it fails (and the request gets its 503).
   * Only a network that drops packets makes it matter: a stopped server refuses at once. Raise it for a
   * database that sleeps when idle and takes longer than this to wake.
   */
  DATABASE_CONNECT_TIMEOUT: z.coerce.number().min(0.5).max(60).default(2),
  /** postgres.js connections per instance. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  /** false behind a transaction-mode pooler (no named prepared statements). */
  DATABASE_PREPARE: z
    .string()
    .optional()
    .transform((v) => !OFF.includes((v ?? "").trim().toLowerCase())),
};

const schema = z.object(databaseSettingsSchema);
export type DatabaseSettings = z.output<typeof schema>;

export function databaseSettings(source: Record<string, string | undefined>): DatabaseSettings {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new Error(`Invalid environment: ${problems}`);
}
