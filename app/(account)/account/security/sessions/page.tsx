import type { Metadata } from "next";
import { listSessions } from "@/lib/sessions/list";
import { SecuritySection } from "../section";
import { SessionList } from "../session-list";
import { callerOr } from "../signed-in";

export const metadata: Metadata = { title: "Devices and sessions" };

export default async function SessionsPage() {
  const caller = await callerOr("/account/security/sessions");
  const sessions = await listSessions(caller.user.id, caller.session.id);
  return (
    <SecuritySection
      id="sessions-heading"
      title="Devices and sessions"
      description="Browsers and API tokens with access to your account, newest first."
    >
      <SessionList sessions={sessions} />
    </SecuritySection>
  );
}
