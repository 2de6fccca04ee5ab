/**
 * When a failed send is tried again: exponential back-off (2 s, 4 s, 8 s … capped at an hour) with
 * "equal jitter" (half the delay fixed, half random), so instances that failed together do not retry
 * together. A message still unsent `GIVE_UP_AFTER_MS` after it was written is marked failed.
 */
export const BASE_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 60 * 60_000;
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/** The delay after the `attempts`-th failed try (1 = the first), given a random number in [0, 1). */
export function retryDelayMs(attempts: number, random: number = Math.random()): number {
  const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.round(exp / 2 + (exp / 2) * random);
}

/** True when a message written at `createdAt` should not be tried again after a failure at `now`. */
export function shouldGiveUp(createdAt: Date, now: Date, nextDelayMs: number): boolean {
  return now.getTime() + nextDelayMs - createdAt.getTime() > GIVE_UP_AFTER_MS;
}
