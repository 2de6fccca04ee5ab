import type { Metadata } from "next";
import { ActivitySection } from "../activity-section";
import { callerOr } from "../signed-in";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  const caller = await callerOr("/account/security/activity");
  return <ActivitySection userId={caller.user.id} />;
}
