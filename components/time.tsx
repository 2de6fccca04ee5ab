"use client";

import { useSyncExternalStore } from "react";
import { absoluteTime, relativeTime } from "@/shared/time";

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const noSubscription = () => () => {};

/**
 * The one way the app shows a moment: "3 hours ago", with the exact time on hover (`title`) and for machines
 * (`dateTime`). The server renders the exact time in UTC; in the browser it is the reader's local time.
 */
export function Time({ at, prefix }: { at: string | Date; prefix?: string }) {
  const date = typeof at === "string" ? new Date(at) : at;
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return (
    <time
      dateTime={date.toISOString()}
      title={inBrowser ? localFormat.format(date) : absoluteTime(date)}
      suppressHydrationWarning
    >
      {prefix}
      {relativeTime(date, new Date())}
    </time>
  );
}
