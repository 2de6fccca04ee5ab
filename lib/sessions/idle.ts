import "server-only";
import { getEnv } from "../env";

/**
 * When a session ends if it is not used again: SESSION_IDLE_DAYS after it was last seen, or its
 * absolute expiry if that comes first. `last seen` is written at most once a minute.
 */
export function idleExpiry(lastSeenAt: Date, expiresAt: Date): Date {
  const idle = lastSeenAt.getTime() + getEnv().SESSION_IDLE_DAYS * 86_400_000;
  return new Date(Math.min(idle, expiresAt.getTime()));
}
