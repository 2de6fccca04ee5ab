"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm({ username }: { username: string }) {
  const [state, action] = useActionState(changePasswordAction, idle);
  const e = state.fields ?? {};
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage status={state.status} message={state.message} />
      {/* Lets password managers pair the new password with the account. */}
      <input type="hidden" name="username" autoComplete="username" value={username} readOnly />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={e.currentPassword}
      />
      <NewPasswordFields errors={e} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
      </div>
    </form>
  );
}
