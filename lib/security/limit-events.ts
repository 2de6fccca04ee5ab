import "server-only";
import { ok, type Result } from "../result";
import { recordEvent, type EventContext } from "./events";
import { ipKey } from "./ip-key";
import { hit, hitKey, limitKey, type HitOptions, type LimitName } from "./rate-limit";
import { rateLimited } from "./rate-limited";

/**
 * Records `rate_limit.hit` for a refused request — at most once a minute per limit, subject and
 * address, so a flood of refused requests bumps one counter row instead of filling security_events.
 */
export async function recordLimitHit(name: LimitName, subject: string | null, context: EventContext): Promise<void> {
  const once = await hitKey(limitKey("rate_limit_event", [name, subject, ipKey(context.ip)]), {
    count: 1,
    seconds: 60,
  });
  if (once.ok) await recordEvent("rate_limit.hit", { ...context, detail: { limit: name } });
}

/**
 * Counts one hit of the named limit for these parts. Past it, the refusal is recorded (as above) and answered
 * as `rate_limited` (429 + Retry-After over HTTP, "Too many attempts…" in a form).
 */
export async function claimLimit(
  name: LimitName,
  parts: readonly (string | null | undefined)[],
  refused: { subject: string | null; context: EventContext },
  options: HitOptions = {},
): Promise<Result<void>> {
  const claim = await hit(name, parts, options);
  if (claim.ok) return ok(undefined);
  await recordLimitHit(name, refused.subject, refused.context);
  return rateLimited(claim.retryAfter);
}
