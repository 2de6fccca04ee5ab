import { PgPreparedQuery } from "drizzle-orm/pg-core";

/**
 * What a failed query throws, for both drivers: PostgreSQL's SQLSTATE and where it happened
 * (constraint, table, column), and nothing else. drizzle wraps every driver error in a
 * DrizzleQueryError whose message is the query text *and its parameters* ("Failed query: … params:
 * <bcrypt hash>,<email>"), and the driver's own message and detail can hold values too (`invalid input
 * syntax for type uuid: "…"`, `Key (email)=(…) already exists`). Whoever logs or prints such an error —
 * our route(), Next.js's own error output for a page or an action — would write them out; this error
 * carries none of it, and no `cause` that does.
 */
export class DatabaseError extends Error {
  override name = "DatabaseError";
  /** SQLSTATE (`23505`), or the driver's code for a connection failure (`ECONNREFUSED`). */
  readonly code: string | undefined;
  /** postgres.js's spelling, kept so lib/db-errors.ts reads both drivers' errors the same way. */
  readonly constraint_name: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  readonly severity: string | undefined;
  /** Codes of the attempts behind a connection failure (several addresses), nothing more. */
  readonly errors: { code: string | undefined }[] | undefined;
  /**
   * The server's own words for a connection exception (SQLSTATE class 08: PgBouncer's "query_wait_timeout",
   * "server conn crashed?"), which name no value; the message of every other error is dropped.
   */
  readonly connectionMessage: string | undefined;

  constructor(fields: {
    code?: string;
    constraint?: string;
    table?: string;
    column?: string;
    severity?: string;
    errors?: { code: string | undefined }[];
    connectionMessage?: string;
  }) {
    super(
      `database error ${fields.code ?? "(no code)"}` +
        (fields.constraint ? ` on constraint ${fields.constraint}` : fields.table ? ` on table ${fields.table}` : ""),
    );
    this.code = fields.code;
    this.constraint_name = fields.constraint;
    this.constraint = fields.constraint;
    this.table = fields.table;
    this.column = fields.column;
    this.severity = fields.severity;
    this.errors = fields.errors;
    this.connectionMessage = fields.connectionMessage;
  }
}

type Raw = Record<string, unknown>;
const text = (v: unknown) => (typeof v === "string" && v.length <= 200 ? v : undefined);

/** The driver's error behind drizzle's wrapper (or the error itself), reduced to safe fields. */
export function safeDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  let current: unknown = error;
  let found: Raw | undefined;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const e = current as Raw;
    if (typeof e.code === "string" || Array.isArray(e.errors)) {
      found = e;
      break;
    }
    current = e.cause;
  }
  const e = found ?? {};
  return new DatabaseError({
    code: text(e.code),
    constraint: text(e.constraint_name) ?? text(e.constraint),
    table: text(e.table_name) ?? text(e.table),
    column: text(e.column_name) ?? text(e.column),
    severity: text(e.severity),
    connectionMessage: typeof e.code === "string" && e.code.startsWith("08") ? text(e.message) : undefined,
    errors: Array.isArray(e.errors)
      ? e.errors.slice(0, 10).map((x) => ({ code: text((x as Raw | null)?.code) }))
      : undefined,
  });
}

type QueryWithCache = (
  this: unknown,
  queryString: string,
  params: unknown[],
  query: () => Promise<unknown>,
) => Promise<unknown>;
const proto = PgPreparedQuery.prototype as unknown as { queryWithCache: QueryWithCache; __safeErrors?: true };

/**
 * Every query of both drivers runs through PgPreparedQuery#queryWithCache, which is where drizzle
 * builds its DrizzleQueryError; wrapping it once turns that into a DatabaseError before anyone sees it.
 */
export function installSafeDatabaseErrors(): void {
  if (proto.__safeErrors) return;
  const original = proto.queryWithCache;
  proto.queryWithCache = async function (queryString, params, query) {
    try {
      return await original.call(this, queryString, params, query);
    } catch (error) {
      throw safeDatabaseError(error);
    }
  };
  proto.__safeErrors = true;
}
