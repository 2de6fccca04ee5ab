import { fail } from "../result";

/** "Try again in N minutes", rounded up, never "0 minutes". */
export function tryAgainIn(retryAfter: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** The domain error for a refused hit: 429 + Retry-After over HTTP, the sentence above in a form. */
export function rateLimited(retryAfter: number) {
  return fail("rate_limited", tryAgainIn(retryAfter), { retryAfter });
}
