// A short-lived process that creates a new PGlite database: initdb, then every migration, then it exits.
// WebAssembly memory never shrinks, and initdb grows PGlite's heap (and V8's) to ~3 times what opening an
// existing database takes; run in the long-lived PGlite thread, that memory stayed for the server's life.
// Run here, it is given back when the process exits, and the thread then opens a finished database
// (db/pglite-create.mjs starts this process and puts the result in place).
//
// argv[2]: JSON { dataDir, template?, migrationsFolder? }. dataDir "memory://": the database is written to
// stdout as a dumpDataDir tarball instead. Exits non-zero with the reason on stderr.
import { readFileSync } from "node:fs";
import { PGLITE_OPTIONS } from "./pglite-options.mjs";
import { wasmBaselineOnly } from "./pglite-v8.mjs";

const { dataDir, template, migrationsFolder } = JSON.parse(process.argv[2]);
// The server that started this process is gone: so is the reason to finish.
const parentGone = () => process.exit(1);
process.on("disconnect", parentGone);

wasmBaselineOnly();
const { PGlite } = await import("@electric-sql/pglite");
const loadDataDir = template ? new Blob([readFileSync(template)]) : undefined;
const db = new PGlite(dataDir, { ...PGLITE_OPTIONS, loadDataDir });
await db.waitReady;
if (migrationsFolder) {
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(drizzle({ client: db }), { migrationsFolder });
}
await db.exec("checkpoint"); // everything in the data files: the thread opens it without replaying WAL
if (dataDir.startsWith("memory://")) {
  const tarball = Buffer.from(await (await db.dumpDataDir("none")).arrayBuffer());
  await new Promise((resolve, reject) => process.stdout.write(tarball, (e) => (e ? reject(e) : resolve())));
}
await db.close();
process.off("disconnect", parentGone);
process.disconnect?.();
