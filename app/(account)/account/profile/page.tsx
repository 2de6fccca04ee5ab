import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Panel } from "@/components/panel";
import { getCaller } from "@/lib/auth/caller";
import { ChangeEmailForm } from "./change-email-form";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Edit profile" };

export default async function ProfilePage() {
  const caller = await getCaller();
  if (!caller) redirect("/sign-in?callbackUrl=/account/profile");
  const { user } = caller;
  return (
    <div className="space-y-6">
      <h1 className="sr-only">Profile</h1>
      <Panel title="Edit profile" description="What other people see on your public profile.">
        <ProfileForm
          profile={{
            username: user.username,
            displayName: user.displayName ?? "",
            avatarUrl: user.avatarUrl ?? "",
            bio: user.bio ?? "",
          }}
        />
      </Panel>
      <Panel
        title="Email address"
        description="We send a link to the new address; the change happens when you follow it. Your old address gets a notice."
      >
        <ChangeEmailForm email={user.email} hasPassword={user.hasPassword} totp={user.twoFactor.totp} />
      </Panel>
    </div>
  );
}
