"use client";

import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { ReauthDialog } from "@/app/_reauth/reauth-dialog";
import { useKeptReauthForm } from "@/app/_reauth/use-kept-reauth-form";
import { changeEmailAction } from "./actions";

/**
 * Changing the email: what was typed stays after a failed submit (a dropped connection too); a success empties it.
 * An account without a password is asked no current password: a fresh proof instead ("Confirm it is you").
 */
export function ChangeEmailForm({
  email,
  hasPassword = true,
  totp = false,
}: {
  email: string;
  hasPassword?: boolean;
  totp?: boolean;
}) {
  const { state, errors, formProps, reauth } = useKeptReauthForm(changeEmailAction);
  return (
    <>
      <ReauthDialog {...reauth} password={hasPassword} totp={totp} />
      <form {...formProps} className="space-y-5">
        <FormMessage status={state.status} message={state.message} />
        <p className="text-sm text-slate-600">
          Current address: <strong className="break-all text-slate-900">{email}</strong>
        </p>
        <Field
          label="New email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
          errors={errors("email")}
        />
        {hasPassword && (
          <Field
            label="Current password"
            id="email-current-password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            errors={errors("currentPassword")}
          />
        )}
        <div className="flex justify-end">
          <SubmitButton pendingLabel="Sending link…">Change email</SubmitButton>
        </div>
      </form>
    </>
  );
}
