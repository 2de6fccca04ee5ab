/**
 * When a failed webhook is tried again: exponential back-off from 5 s, doubling, capped at 2 hours, with
 * "equal jitter" (half fixed, half random), so endpoints that failed together are not retried together;
 * a Retry-After asking for longer is honoured (up to the give-up point). A message still undelivered a day
 * after its event (`GIVE_UP_AFTER_MS`) is marked failed: about 19 attempts.
 */
export const BASE_DELAY_MS = 5_000;
export const MAX_DELAY_MS = 2 * 60 * 60_000;
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/** The delay after the `attempts`-th failed try (1 = the first), given a random number in [0, 1). */
export function webhookRetryDelayMs(attempts: number, retryAfterMs: number | null, random = Math.random()): number {
  const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  const backoff = Math.round(exp / 2 + (exp / 2) * random);
  return retryAfterMs === null ? backoff : Math.max(backoff, Math.min(retryAfterMs, GIVE_UP_AFTER_MS));
}

/** True when a message created at `createdAt` should not be tried again after a failure at `now`. */
export function webhookGivesUp(createdAt: Date, now: Date, nextDelayMs: number): boolean {
  return now.getTime() + nextDelayMs - createdAt.getTime() > GIVE_UP_AFTER_MS;
}
