/**
 * Expected failures are values. A DomainError carries a code (mapped to an HTTP status in
 * lib/http/problem.ts and to a form state in lib/forms/state.ts), a message safe to show, and
 * per-field messages.
 */
export const ERROR_CODES = [
  "validation",
  "conflict",
  "unauthorized",
  "forbidden",
  "not_found",
  "rate_limited",
  "unavailable",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A machine-readable reason more precise than the status, answered as the problem document's `code`
 * (programs branch on it: re-authenticate, verify the email, contact the site). Add new reasons here.
 */
export const PROBLEM_CODES = [
  "reauthentication_required",
  "email_unverified",
  "account_disabled",
  "last_admin",
  "invalid_code",
  "last_way_in",
  "insufficient_scope",
  "too_many_api_keys",
  "impersonating",
  "last_owner",
  "invitation_email_mismatch",
  "cannot_follow_self",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type FieldErrors = Record<string, string[]>;

export type DomainError = {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  /** The problem document's `code`; without one, the code is the ErrorCode itself. */
  reason?: ProblemCode;
  /** The scope an API key lacked (`insufficient_scope`): answered as the problem document's `scope`. */
  scope?: string;
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
