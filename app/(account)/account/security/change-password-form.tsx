"use client";

import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { ReauthDialog } from "@/app/_reauth/reauth-dialog";
import { useKeptReauthForm } from "@/app/_reauth/use-kept-reauth-form";
import { changePasswordAction } from "./actions";

/**
 * Every problem in one answer; the passwords stay typed after a failed submit (lib/forms/kept-form.ts). An account
 * without a password sets one: no current password, a fresh proof instead ("Confirm it is you", then it carries on).
 */
export function ChangePasswordForm({
  username,
  hasPassword = true,
  totp = false,
}: {
  username: string;
  hasPassword?: boolean;
  totp?: boolean;
}) {
  const { state, errors, formProps, reauth } = useKeptReauthForm(changePasswordAction);
  return (
    <>
      <ReauthDialog {...reauth} password={hasPassword} totp={totp} username={username} />
      <form {...formProps} className="space-y-5">
        <FormMessage status={state.status} message={state.message} />
        {/* Lets password managers pair the new password with the account. */}
        <input type="hidden" name="username" autoComplete="username" value={username} readOnly />
        {hasPassword && (
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            errors={errors("currentPassword")}
          />
        )}
        <NewPasswordFields
          errors={{ newPassword: errors("newPassword"), confirmPassword: errors("confirmPassword") }}
        />
        <div className="flex justify-end">
          {hasPassword ? (
            <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
          ) : (
            <SubmitButton pendingLabel="Setting…">Set password</SubmitButton>
          )}
        </div>
      </form>
    </>
  );
}
