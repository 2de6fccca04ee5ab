// The formatters live in shared/time.ts. This re-export only keeps app/(account)/account/security/activity-item.ts
// building until it imports "@/shared/time" itself; then this file goes.
export { absoluteTime, relativeTime } from "@/shared/time";
