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
