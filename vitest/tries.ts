/**
 * Failed tries are summarised per account and window (lib/security/event-summary.ts): one row whose
 * `detail.tries` counts them. A test that counts tries unfolds each row into that many, with the summary's
 * own keys (`tries`, `lastAt`) taken off, as if each try had its own row.
 */
export function unfoldTries<T extends { detail?: Record<string, unknown> | null }>(rows: readonly T[]): T[] {
  return rows.flatMap((row) => {
    if (!row.detail || typeof row.detail.tries !== "number") return [row];
    const detail = Object.fromEntries(Object.entries(row.detail).filter(([k]) => k !== "tries" && k !== "lastAt"));
    return Array.from({ length: row.detail.tries as number }, () => ({ ...row, detail }));
  });
}
