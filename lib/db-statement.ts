import "server-only";
import type { Sql } from "postgres";
import { databaseDriver, type Db } from "@/db/client";
import type { PGliteThread } from "@/db/pglite-thread";
import { safeDatabaseError } from "@/db/safe-errors";

/** A row as the driver returns it in array mode: columns in select order, timestamps as PostgreSQL's text. */
export type RawRow = readonly unknown[];

const keepText = (value: unknown) => value;
/** timestamptz, timestamp, date, time (the types drizzle's postgres.js driver keeps as text): the same on PGlite. */
const TEXT_TYPES = { 1184: keepText, 1114: keepText, 1082: keepText, 1083: keepText };

/**
 * One fixed statement run straight on the driver, for the hottest lookups only (the caller of every
 * authenticated request: lib/sessions/resolve.ts, lib/api-keys/resolve.ts):
 * drizzle's execute wraps every query in several async layers and maps each column of each row through its
 * column objects, which cost more CPU per request than PostgreSQL's indexed lookup. On PostgreSQL the
 * statement is prepared once per connection (postgres.js keys it by its text; its `unsafe` prepares nothing
 * unless asked, and DATABASE_PREPARE=false or `?pgbouncer=true` on the client still turn it off); on PGlite it goes through the same thread as every query. A failure
 * is the same safe DatabaseError drizzle's queries throw (db/safe-errors.ts): no SQL text, no parameters.
 */
export async function rawRows(db: Db, text: string, params: unknown[]): Promise<RawRow[]> {
  // drizzle keeps the driver's client on the handle as $client (the postgres.js Sql, or db/pglite-thread.ts's).
  const client = (db as Db & { $client: unknown }).$client;
  try {
    if (databaseDriver() === "postgres")
      return await (client as Sql).unsafe(text, params as never[], { prepare: true }).values();
    const thread = client as PGliteThread;
    const result = await thread.query<{ rows: RawRow[] }>(text, params, { rowMode: "array", parsers: TEXT_TYPES });
    return result.rows;
  } catch (error) {
    throw safeDatabaseError(error);
  }
}

/** A timestamp column of a RawRow: PostgreSQL's text (`2026-12-05 12:53:55.568+00`) as a Date, null as null. */
export function rawDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}
