/**
 * Expected failures are values. A DomainError carries a code (mapped to an HTTP status in
 * lib/http/problem.ts and to a form state in lib/forms/state.ts), a message safe to show, and
 * per-field messages.
 */
export type ErrorCode =
  "validation" | "conflict" | "unauthorized" | "forbidden" | "not_found" | "rate_limited" | "unavailable";

export type FieldErrors = Record<string, string[]>;

export type DomainError = {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  /** Seconds until a rate-limited caller may try again. */
  retryAfter?: number;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (
  code: ErrorCode,
  message: string,
  extra: Omit<DomainError, "code" | "message"> = {},
): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, ...extra } });
