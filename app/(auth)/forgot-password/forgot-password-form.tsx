"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { forgotPasswordAction } from "./actions";

export function ForgotPasswordForm() {
  const [state, action] = useActionState(forgotPasswordAction, idle);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage status={state.status} message={state.message} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={state.fields?.email}
      />
      <div className="flex flex-col-reverse items-center gap-4 sm:flex-row sm:justify-between">
        <Link href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
          Back to sign in
        </Link>
        <SubmitButton pendingLabel="Sending…">Send me a link</SubmitButton>
      </div>
    </form>
  );
}
