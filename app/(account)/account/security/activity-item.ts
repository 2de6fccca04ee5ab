import "server-only";
import { describeDevice } from "@/lib/sessions/device";
import { eventLabel, isWarning } from "@/lib/security/event-labels";
import type { SecurityEventDto } from "@/lib/security/events";
import { absoluteTime, relativeTime } from "@/shared/time";

/** One row of the activity list, ready to show: the client component only lays it out. */
export type ActivityItem = {
  id: string;
  label: string;
  at: string;
  absolute: string;
  relative: string;
  ip: string | null;
  device: string;
  tone: "ok" | "warn";
};

/** Kept here under its old name for the activity list's callers; the one implementation is shared/time.ts. */
export { relativeTime };

export function toActivityItem(event: SecurityEventDto, now = new Date()): ActivityItem {
  const at = new Date(event.createdAt);
  return {
    id: event.id,
    label: eventLabel(event),
    at: event.createdAt,
    absolute: absoluteTime(at),
    relative: relativeTime(at, now),
    ip: event.ip,
    device: describeDevice(event.userAgent),
    tone: isWarning(event.type) ? "warn" : "ok",
  };
}
