"use client";

import { Avatar } from "@/components/avatar";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { ProfileFields } from "@/components/profile-fields";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { updateProfileAction } from "./actions";

type Profile = { username: string; displayName: string; avatarUrl: string; bio: string };

/** Edit profile: what was typed stays after a failed submit, a dropped connection included (lib/forms/kept-form.ts). */
export function ProfileForm({ profile }: { profile: Profile }) {
  const { state, errors, formProps } = useKeptForm(updateProfileAction);
  const v = { ...profile, ...state.values };
  const e = { displayName: errors("displayName"), avatarUrl: errors("avatarUrl"), bio: errors("bio") };
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage status={state.status} message={state.message} />
      <div className="flex items-center gap-4">
        <Avatar key={v.avatarUrl} url={v.avatarUrl || null} name={v.displayName || v.username} size={64} />
        <p className="text-sm text-slate-600">
          Your avatar is shown on your public profile. Without one, your initials are.
        </p>
      </div>
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        required
        hint={`Your public profile is at /u/${v.username}.`}
        defaultValue={v.username}
        errors={errors("username")}
      />
      <ProfileFields values={v} errors={e} bioKey={state.status === "success" ? v.bio : undefined} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
      </div>
    </form>
  );
}
