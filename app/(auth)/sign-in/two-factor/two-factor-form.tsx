"use client";

import Link from "next/link";
import { useState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { RecoveryCodeField } from "@/components/recovery-code-field";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { twoFactorSignInAction } from "../../actions";

/** The second sign-in step: the code (or recovery code) stays after a failed submit, a dropped connection too. */
export function TwoFactorForm({ callbackUrl }: { callbackUrl: string }) {
  const { state, errors, formProps } = useKeptForm(twoFactorSignInAction);
  const [recovery, setRecovery] = useState(false);
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {recovery ? (
        <RecoveryCodeField key="recoveryCode" autoFocus errors={errors("recoveryCode")} />
      ) : (
        <Field
          key="code"
          label="Enter the 6-digit code from your authenticator app"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          required
          autoFocus
          errors={errors("code")}
        />
      )}
      <div className="flex flex-col-reverse items-center gap-4 sm:flex-row sm:justify-between">
        <button
          type="button"
          onClick={() => setRecovery((v) => !v)}
          className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
        >
          {recovery ? "Use your authenticator app instead" : "Use a recovery code instead"}
        </button>
        <SubmitButton pendingLabel="Checking…">Sign in</SubmitButton>
      </div>
      <p className="text-center text-sm text-slate-600 sm:text-left">
        <Link href="/sign-in" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          Start again with your password
        </Link>
      </p>
    </form>
  );
}
