import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Panel } from "@/components/panel";
import { getCaller } from "@/lib/auth/caller";
import { listSessions } from "@/lib/sessions/list";
import { ActivitySection } from "./activity-section";
import { ChangePasswordForm } from "./change-password-form";
import { DeleteAccountForm } from "./delete-account-form";
import { PasskeysPanel } from "./passkeys-panel";
import { SessionList } from "./session-list";
import { TwoFactorPanel } from "./two-factor-panel";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const caller = await getCaller();
  if (!caller) redirect("/sign-in?callbackUrl=/account/security");
  const sessions = await listSessions(caller.user.id, caller.session.id);
  return (
    <div className="space-y-6">
      <h1 className="sr-only">Security</h1>
      <Panel
        title="Change password"
        description="Every other session of your account is signed out when you change it."
      >
        <ChangePasswordForm username={caller.user.username} />
      </Panel>
      <PasskeysPanel caller={caller} />
      <TwoFactorPanel caller={caller} />
      <Panel
        title="Where you are signed in"
        description="Browsers and API tokens with access to your account, newest first."
      >
        <SessionList sessions={sessions} />
      </Panel>
      <div className="mx-auto w-full max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 [&>section]:mt-0 [&>section]:border-t-0 [&>section]:pt-0">
        <ActivitySection userId={caller.user.id} />
      </div>
      <Panel
        tone="danger"
        title="Delete account"
        description="This deletes your account, your profile and every session at once. It cannot be undone."
      >
        <DeleteAccountForm />
      </Panel>
    </div>
  );
}
