/**
 * How the app says when: "3 hours ago" (relative) and "Dec 3, 2026, 5:40 AM UTC" (exact). Pure (no I/O,
 * no server-only, no React), so components and lib alike may import it.
 */
const absoluteFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export const absoluteTime = (date: Date) => `${absoluteFormat.format(date)} UTC`;

export function relativeTime(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ["minute", 60],
    ["hour", 3600],
    ["day", 86_400],
    ["month", 2_592_000],
    ["year", 31_536_000],
  ];
  let [unit, size] = steps[0]!;
  for (const step of steps) if (Math.abs(seconds) >= step[1]) [unit, size] = step;
  return relativeFormat.format(Math.round(seconds / size), unit);
}
