import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { settingValue } from "./pglite-dir.mjs";
import type { DatabaseSettings } from "./settings";
import { LAST_APPLIED_SQL, migrationsApplied } from "./migrations-applied";
import { installSafeDatabaseErrors } from "./safe-errors";

// No failed query ever carries its SQL text or parameters up to a log line (db/safe-errors.ts).
installSafeDatabaseErrors();

/**
 * The database handle. Both drivers expose the same query builder; it is typed as the postgres.js
 * flavour so callers write one kind of code. Nothing here imports from lib/ or app/. No schema is
 * given to drizzle: nothing uses its relational queries (`db.query.*`), so it builds no relations map.
 */
export type Db = PostgresJsDatabase;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** An open database: its handle, migrated, and how to close it. */
type Opened = { db: Db; close: () => Promise<void> };

/**
 * The driver is known at once (DATABASE_URL set or not); the database is opened, checked and migrated behind
 * `opened`. What only opening needs (the settings' rules, each driver with its drizzle adapter, the migrator)
 * is imported by the open: every bundle that imports this file (start-up's, each route's) carries none of
 * it, since start-up opens the one handle all of them share.
 */
type Handle = {
  driver: "postgres" | "pglite";
  opened: Promise<Opened>;
};

/** One handle per process, on globalThis under a Symbol.for key (the same in every bundle and dev reload). */
const HANDLE = Symbol.for("accounts.db");
const globalForDb = globalThis as unknown as { [HANDLE]?: Handle };

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
/** Arbitrary constant: serialises migrations when several instances start on one PostgreSQL. */
const MIGRATION_LOCK_ID = 720_431_906;

/**
 * Behind a transaction-mode pooler (PgBouncer, Supavisor, Neon's pooled host …) postgres.js must not
 * use named prepared statements: the next statement may run on another server connection. Turned off
 * by DATABASE_PREPARE=false (`prepareSetting`), or by `?pgbouncer=true` on the URL (Prisma's spelling, removed here:
 * postgres.js would otherwise send it to the server as a setting, which PostgreSQL refuses), or by
 * postgres.js's own `?prepare=false`.
 */
export function postgresTarget(rawUrl: string, prepareSetting: boolean) {
  const url = new URL(rawUrl);
  let prepare = prepareSetting;
  if (url.searchParams.has("pgbouncer")) {
    if (url.searchParams.get("pgbouncer") !== "false") prepare = false;
    url.searchParams.delete("pgbouncer");
  }
  return { url: url.toString(), prepare };
}

/**
 * Seconds before a closed connection tries again. postgres.js's default grows with every failure, shared by
 * the whole pool, up to 20 s: during an outage, requests queued behind a connection waiting out that delay
 * were held open for up to 18 s, and the pool took 10–14 s to notice the database was back. A connection
 * attempt to a stopped server is refused at once and cheap, so each waits only a moment (jittered, so a pool
 * does not reconnect in lockstep): while the database is down a query fails in milliseconds (a 503), and the
 * first one after it returns connects.
 */
const reconnectBackoff = () => 0.05 + Math.random() * 0.1;

async function openPostgres(rawUrl: string, settings: DatabaseSettings): Promise<Opened> {
  const [{ default: postgres }, { drizzle }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
  ]);
  const { url, prepare } = postgresTarget(rawUrl, settings.DATABASE_PREPARE);
  const client = postgres(url, {
    prepare,
    max: settings.DATABASE_POOL_MAX,
    connect_timeout: settings.DATABASE_CONNECT_TIMEOUT,
    backoff: reconnectBackoff,
    idle_timeout: 30,
    onnotice: () => {},
  });
  const db = drizzle({ client });
  const close = () => client.end({ timeout: 5 });
  // Migrations take a session-level advisory lock, which a transaction-mode pooler cannot keep (the
  // unlock may run on another server connection): they go to DATABASE_DIRECT_URL, or to DATABASE_URL
  // when it is not behind a pooler; otherwise they are left to the release step (`npm run db:migrate`
  // with the direct URL).
  const direct = settings.DATABASE_DIRECT_URL
    ? postgresTarget(settings.DATABASE_DIRECT_URL, settings.DATABASE_PREPARE).url
    : prepare
      ? url
      : null;
  try {
    if (!direct) {
      await client`select 1`; // the database answers: start-up reports an outage as before
      process.emitWarning(
        "migrations not run at start: DATABASE_URL is behind a pooler (prepared statements off); " +
          "set DATABASE_DIRECT_URL, or run npm run db:migrate against the direct URL",
      );
      return { db, close };
    }
    // Every migration applied already (the usual start): one read on the pool, whose first connection the
    // first request then finds open. Otherwise the migrator, behind its lock.
    if (await migrationsApplied(() => client.unsafe(LAST_APPLIED_SQL), MIGRATIONS_FOLDER)) return { db, close };
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // One connection holds the advisory lock and runs the migrations, so racing instances take turns.
    const single = postgres(direct, { max: 1, connect_timeout: 5, backoff: reconnectBackoff, onnotice: () => {} });
    try {
      await single`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
      await migrate(drizzle({ client: single }), { migrationsFolder: MIGRATIONS_FOLDER });
      await single`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
    } finally {
      await single.end({ timeout: 5 });
    }
    return { db, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

/**
 * PGlite runs in a worker thread of its own (db/pglite-thread.ts), off the server's event loop. A new
 * database is created and migrated in a short-lived process before the thread opens it
 * (db/pglite-create.mjs); the migrations here then find nothing to do, or what a newer build added.
 */
async function openPglite(dataDir: string, template: string | undefined): Promise<Opened> {
  const [{ PGliteThread }, { drizzle }] = await Promise.all([import("./pglite-thread"), import("drizzle-orm/pglite")]);
  if (!dataDir.includes("://")) mkdirSync(dataDir, { recursive: true });
  const client = new PGliteThread(dataDir, { template, migrationsFolder: MIGRATIONS_FOLDER });
  const pglite = drizzle({ client: client.asPGlite() });
  const close = () => client.close();
  try {
    await client.waitReady;
    const applied = () => client.query<{ rows: { last: unknown }[] }>(LAST_APPLIED_SQL).then((r) => r.rows);
    if (!(await migrationsApplied(applied, MIGRATIONS_FOLDER))) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(pglite, { migrationsFolder: MIGRATIONS_FOLDER });
    }
    return { db: pglite as unknown as Db, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

/** The settings' rules (db/settings.ts), then the driver they name. A bad value fails the open, naming it. */
async function openWithSettings(): Promise<Opened> {
  const { databaseSettings } = await import("./settings");
  const settings = databaseSettings(process.env);
  if (settings.DATABASE_URL) return openPostgres(settings.DATABASE_URL, settings);
  return openPglite(settings.PGLITE_DIR, settings.PGLITE_TEMPLATE);
}

function open(): Handle {
  // The same reading of DATABASE_URL as db/settings.ts's (trimmed, empty is unset), without its rules.
  const opened = openWithSettings();
  opened.catch(() => {}); // a failed open is reported to whoever awaits it (getDb), never as an unhandled rejection
  return { driver: settingValue(process.env.DATABASE_URL) ? "postgres" : "pglite", opened };
}

function handle(): Handle {
  globalForDb[HANDLE] ??= open();
  return globalForDb[HANDLE];
}

/** The database, with every migration applied. The first call opens it and migrates. */
export async function getDb(): Promise<Db> {
  const h = handle();
  try {
    return (await h.opened).db;
  } catch (error) {
    // A failed start (database down, say) is retried on the next call rather than cached forever; the
    // failed open has closed what it had opened.
    if (globalForDb[HANDLE] === h) globalForDb[HANDLE] = undefined;
    throw error;
  }
}

export function databaseDriver(): Handle["driver"] {
  return handle().driver;
}

export async function closeDb(): Promise<void> {
  const h = globalForDb[HANDLE];
  globalForDb[HANDLE] = undefined;
  const opened = await h?.opened.catch(() => null);
  await opened?.close();
}
