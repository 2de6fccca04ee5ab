import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * Opaque keyset cursors: the one codec of every paged list (the console's accounts and events, the posts).
 * A cursor is the sort key of a page's last row, its parts joined by newlines and base64url-encoded, so a
 * client passes `nextCursor` back as it is and cannot build one by hand. A cursor that does not decode to
 * the expected parts is refused by the list's schema as a bad parameter (400), or ignored by a page.
 */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(parts.join("\n"), "utf8").toString("base64url");
}

export function decodeCursor(cursor: unknown, count: number): string[] | null {
  if (typeof cursor !== "string" || !/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("\n");
  return parts.length === count ? parts : null;
}

/**
 * A position in a list ordered by (created_at, id). `at` is created_at as the database's text, to the
 * microsecond: a JS Date keeps milliseconds only, so a cursor made from one cut the last row's time short,
 * and a row written in the same millisecond but earlier compared as "not older" and was never shown.
 */
export type KeysetPosition = { at: string; id: string };

const MICROSECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const encodePosition = (position: KeysetPosition): string => encodeCursor([position.at, position.id]);

/** The position a cursor names, when its id is one `idPattern` accepts; else null. */
export function decodePosition(cursor: unknown, idPattern: RegExp): KeysetPosition | null {
  const parts = decodeCursor(cursor, 2);
  if (!parts || !MICROSECONDS.test(parts[0]!) || !idPattern.test(parts[1]!)) return null;
  return { at: parts[0]!, id: parts[1]! };
}

/** A timestamptz column as the position's text (UTC, six fractional digits): select it beside the row. */
export const positionTime = (column: AnyColumn | SQL): SQL<string> =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
