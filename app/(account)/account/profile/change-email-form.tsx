"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { changeEmailAction } from "./actions";

export function ChangeEmailForm({ email }: { email: string }) {
  const [state, action] = useActionState(changeEmailAction, idle);
  return (
    <form action={action} className="space-y-5" noValidate>
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
        errors={state.fields?.email}
      />
      <Field
        label="Current password"
        id="email-current-password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fields?.currentPassword}
      />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Sending link…">Change email</SubmitButton>
      </div>
    </form>
  );
}
