"use client";

import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { changePasswordAction } from "./actions";

/** Every problem in one answer; the three passwords stay typed after a failed submit (lib/forms/kept-form.ts). */
export function ChangePasswordForm({ username }: { username: string }) {
  const { state, errors, formProps } = useKeptForm(changePasswordAction);
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage status={state.status} message={state.message} />
      {/* Lets password managers pair the new password with the account. */}
      <input type="hidden" name="username" autoComplete="username" value={username} readOnly />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={errors("currentPassword")}
      />
      <NewPasswordFields errors={{ newPassword: errors("newPassword"), confirmPassword: errors("confirmPassword") }} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
      </div>
    </form>
  );
}
