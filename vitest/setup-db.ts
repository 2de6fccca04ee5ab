// Gives each test file a database of its own, before any module under test opens one, started from the
// run's one migrated template (vitest/global-setup.ts):
//  - pglite: an in-memory PGlite (`memory://`) loaded from the template's tarball;
//  - postgres: a new database on the server at TEST_DATABASE_URL, a copy of the template database,
//    dropped when the file is done.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { closeDb } from "../db/client";
import { resumeOutbox, stopOutbox } from "../lib/email/outbox-worker";

resumeOutbox();

if (process.env.TEST_DB === "postgres") {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const template = inject("postgresTemplate");
  const name = `${template}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  afterAll(async () => {
    await closeDb();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
  process.env.PGLITE_TEMPLATE = inject("pgliteTemplate");
  afterAll(() => closeDb());
}

// The outbox's wakes (timers after a commit) stop before the file's database goes away (after-hooks
// run last-registered first).
afterAll(() => stopOutbox());
