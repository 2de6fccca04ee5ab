import "server-only";
import { recordEvent, type EventContext } from "./events";
import { ipKey } from "./ip-key";
import { hitKey, limitKey, type LimitName } from "./rate-limit";

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
