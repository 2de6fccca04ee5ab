// Once per run and project, before any test file: ONE migrated database, which every test file's own
// database then starts from (vitest/setup-db.ts). Creating and migrating a database per file was most of
// the suite's time (PGlite: initdb and the migrations, ~2.6 s a file).
//  - pglite: a PGlite migrated in memory, its data directory dumped to a tarball (PGLITE_TEMPLATE);
//  - postgres: a template database on TEST_DATABASE_URL (`create database … template …`), dropped at the end.
// db/client.ts still runs the migrations when a file's database opens: drizzle finds them applied and
// skips them, and a migration newer than the template is applied there.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { PGLITE_OPTIONS } from "../db/pglite-options.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** pglite: the tarball a file's PGlite starts from. */
    pgliteTemplate: string;
    /** postgres: the database a file's database is created from. */
    postgresTemplate: string;
  }
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

async function pgliteTemplate(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "accounts-vitest-"));
  const file = path.join(dir, "pglite-template.tar");
  // The options every PGlite of the app opens with (settings, extensions).
  const pg = new PGlite("memory://", PGLITE_OPTIONS);
  try {
    await migratePglite(drizzlePglite({ client: pg }), { migrationsFolder: MIGRATIONS_FOLDER });
    await pg.exec("checkpoint"); // everything in the data files: a file's PGlite starts without replaying WAL
    const tarball = await pg.dumpDataDir("none");
    writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await pg.close();
  }
  project.provide("pgliteTemplate", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function postgresTemplate(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  // Each file's database is named after it (vitest/setup-db.ts): the teardown also drops those whose file
  // never ran its after-hooks (a file whose tests are all skipped).
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // A template may have no other connection while a database is created from it: this one ends here.
  const single = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const drop = async () => {
    const left = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${name + "\\_%"}`;
    for (const { datname } of left) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    await migratePostgres(drizzlePostgres({ client: single }), { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await single.end({ timeout: 5 });
    await drop();
    throw error;
  }
  await single.end({ timeout: 5 });
  project.provide("postgresTemplate", name);
  return drop;
}

export default async function setup(project: TestProject) {
  return project.config.env.TEST_DB === "postgres" ? postgresTemplate(project) : pgliteTemplate(project);
}
