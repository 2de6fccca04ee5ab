// A migrated PGlite database kept as a template, so that a new data directory is a copy of it plus an ordinary
// open, not initdb and every migration (~3 s of a 2-core machine, most of a first start). `npm run build` makes
// it after `next build` (`node scripts/pglite-template.mjs`); a start that finds none makes it first (in the same
// short-lived process that would have created the database), so later new directories (tests, a second
// instance) are copies too.
//
// Keyed to what the database is made of: the migrations (journal and SQL), PGlite's version and this app's
// PGlite options and creation script. A changed migration is a new key, so a stale template is never copied;
// and db/client.ts runs its migration check on open anyway. Kept in .next/cache (a cache: deleting it only
// costs one slow first start). Anything that fails here falls back to creating the database directly.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

// Paths from the working directory at run time (turbopackIgnore: the bundler must not trace the project).
const ROOT = process.cwd();
export const TEMPLATES_DIR = path.join(/* turbopackIgnore: true */ ROOT, ".next", "cache", "pglite-template");
/** What a template depends on besides the migrations, relative to the project. */
const INPUTS = ["db/pglite-options.mjs", "db/pglite-init.mjs", "node_modules/@electric-sql/pglite/package.json"];

/** The template's key: a hash of everything that decides what a new database holds. */
export function templateKey(migrationsFolder) {
  const hash = createHash("sha256");
  const add = (name, file) =>
    hash.update(`${name}\0`).update(readFileSync(/* turbopackIgnore: true */ file)).update("\0");
  for (const name of INPUTS) add(name, path.join(/* turbopackIgnore: true */ ROOT, name));
  add("journal", path.join(/* turbopackIgnore: true */ migrationsFolder, "meta", "_journal.json"));
  const sqlFiles = readdirSync(/* turbopackIgnore: true */ migrationsFolder).filter((n) => n.endsWith(".sql"));
  for (const name of sqlFiles.sort()) add(name, path.join(/* turbopackIgnore: true */ migrationsFolder, name));
  return hash.digest("hex").slice(0, 24);
}

/**
 * The template's directory for these migrations, made first when there is none (`create(dir)` runs
 * db/pglite-init.mjs into `dir`). Made in a directory of its own and renamed into place, so a template
 * that exists is complete, and two processes making one at once both end with the same one.
 */
export async function migratedTemplate(migrationsFolder, create, templatesDir = TEMPLATES_DIR) {
  const target = path.join(/* turbopackIgnore: true */ templatesDir, templateKey(migrationsFolder));
  if (existsSync(/* turbopackIgnore: true */ path.join(target, "PG_VERSION"))) return target;
  mkdirSync(/* turbopackIgnore: true */ templatesDir, { recursive: true });
  const name = `.new-${process.pid}-${randomBytes(4).toString("hex")}`;
  const making = path.join(/* turbopackIgnore: true */ templatesDir, name);
  try {
    await create(making);
    try {
      renameSync(/* turbopackIgnore: true */ making, target);
    } catch (error) {
      // Another process put its template in place first: the same database, keep that one.
      if (!existsSync(/* turbopackIgnore: true */ path.join(target, "PG_VERSION"))) throw error;
    }
  } finally {
    rmSync(/* turbopackIgnore: true */ making, { recursive: true, force: true });
  }
  return target;
}
