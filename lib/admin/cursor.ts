/**
 * Opaque keyset cursors: the sort key of a page's last row, base64url-encoded, so a client passes
 * `nextCursor` back as it is and cannot build one by hand. A cursor that does not decode to the
 * expected parts is refused by the schemas as a bad parameter (400).
 */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(parts.join("\n"), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, count: number): string[] | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("\n");
  return parts.length === count ? parts : null;
}
