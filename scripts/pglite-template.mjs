// `node scripts/pglite-template.mjs` (the end of `npm run build`): the migrated PGlite template a new data
// directory is copied from (db/pglite-template.mjs), made once per key; the templates of other keys are removed.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { settingValue } from "../db/pglite-dir.mjs";
import { runInit } from "../db/pglite-init-process.mjs";
import { migratedTemplate, TEMPLATES_DIR } from "../db/pglite-template.mjs";

/** The other keys' templates (older migrations), and what an interrupted making left over an hour ago. */
export function pruneTemplates(keep, templatesDir = TEMPLATES_DIR) {
  if (!existsSync(templatesDir)) return;
  for (const name of readdirSync(templatesDir)) {
    const entry = path.join(templatesDir, name);
    const stale = !name.startsWith(".new-") || Date.now() - statSync(entry).mtimeMs > 3_600_000;
    if (name !== keep && stale) rmSync(entry, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve("scripts/pglite-template.mjs");
if (isMain && settingValue(process.env.DATABASE_URL)) {
  // A build for PostgreSQL never opens PGlite; a server that does after all makes the template at its first start.
  console.log("PGlite template: not made (DATABASE_URL is set: this build runs on PostgreSQL)");
} else if (isMain) {
  const migrationsFolder = path.join(process.cwd(), "db", "migrations");
  const started = performance.now();
  const dir = await migratedTemplate(migrationsFolder, (dataDir) => runInit({ dataDir, migrationsFolder }));
  pruneTemplates(path.basename(dir));
  const ms = Math.round(performance.now() - started);
  console.log(`PGlite template: ${path.relative(process.cwd(), dir)} (${ms} ms)`);
}
