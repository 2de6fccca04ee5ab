// Where the database lives, as plain code: db/settings.ts (the zod rules db/client.ts opens the database by)
// and what runs before any TypeScript is loaded (db/pglite-spawn.mjs#openPgliteEarly from scripts/server.mjs,
// scripts/pglite-template.mjs) read the environment through these, so the thread started early is for the
// directory db/client.ts opens, and a build makes a PGlite template exactly when the app runs on PGlite.
import path from "node:path";

/**
 * A database variable as it is read: trimmed, and empty is unset.
 * @param {string | undefined} value
 * @returns {string | undefined}
 */
export function settingValue(value) {
  return value?.trim() || undefined;
}

/**
 * PGlite's data directory: PGLITE_DIR, trimmed, else `.data/pglite` under the working directory.
 * @param {string | undefined} value PGLITE_DIR
 * @returns {string}
 */
export function pgliteDir(value) {
  return settingValue(value) ?? path.join(process.cwd(), ".data", "pglite");
}
