/**
 * The one place that recognises PostgreSQL's unique violation (SQLSTATE 23505), whichever driver
 * raised it and however drizzle wrapped it, and reports the constraint's name.
 */
type PgLikeError = { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };

export function uniqueViolation(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const e = current as PgLikeError;
    if (e.code === "23505") {
      const name = e.constraint_name ?? e.constraint;
      return typeof name === "string" ? name : "";
    }
    current = e.cause;
  }
  return null;
}

/**
 * The fields to log for an unexpected error. A database error (db/safe-errors.ts, or anything with a
 * SQLSTATE) is described by its SQLSTATE, constraint, table and column, and its stack frames only —
 * never its message, the query text or the parameters. Anything else is logged with its stack.
 */
export function describeError(error: unknown): Record<string, unknown> {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const e = current as Record<string, unknown>;
    const isDatabase =
      e.name === "DatabaseError" ||
      e.name === "DrizzleQueryError" ||
      e.name === "PostgresError" ||
      (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code));
    if (isDatabase) {
      const pick = (...keys: string[]) => keys.map((k) => e[k]).find((v) => typeof v === "string");
      const frames = typeof (error as Error).stack === "string" ? (error as Error).stack!.split("\n") : [];
      return {
        error: "database error",
        sqlstate: pick("code") ?? null,
        constraint: pick("constraint_name", "constraint") ?? null,
        table: pick("table_name", "table") ?? null,
        column: pick("column_name", "column") ?? null,
        stack: frames.filter((line) => /^\s+at /.test(line)).join("\n"),
      };
    }
    current = e.cause;
  }
  return { error: error instanceof Error ? error.stack : String(error) };
}
