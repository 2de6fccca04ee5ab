import { absoluteTime, relativeTime } from "@/shared/time";

/** "3 hours ago", with the exact time on hover (title) and for machines (dateTime). */
export function PostTime({ at, prefix }: { at: string; prefix?: string }) {
  const date = new Date(at);
  const exact = absoluteTime(date);
  return (
    <time dateTime={at} title={exact}>
      {prefix}
      {relativeTime(date, new Date())}
    </time>
  );
}
