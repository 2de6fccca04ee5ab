"use client";

import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { changeEmailAction } from "./actions";

/** Changing the email: what was typed stays after a failed submit (a dropped connection too); a success empties it. */
export function ChangeEmailForm({ email }: { email: string }) {
  const { state, errors, formProps } = useKeptForm(changeEmailAction);
  return (
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
      <Field
        label="Current password"
        id="email-current-password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={errors("currentPassword")}
      />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Sending link…">Change email</SubmitButton>
      </div>
    </form>
  );
}
