"use client";

import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { emailCodeSignInAction } from "./actions";

/**
 * The 8-digit code from the sign-in email, in any browser. With `login` given (the browser that asked) it is a
 * hidden field; otherwise (the link opened elsewhere) the person types it.
 */
export function CodeForm({ login, callbackUrl = "/account" }: { login?: string; callbackUrl?: string }) {
  const { state, errors, formProps } = useKeptForm(emailCodeSignInAction);
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {login === undefined ? (
        <Field
          label="Username or email"
          name="login"
          autoComplete="username"
          required
          defaultValue={state.values?.login}
          errors={errors("login")}
        />
      ) : (
        <input type="hidden" name="login" value={login} />
      )}
      <Field
        label="Code from the email"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={20}
        required
        hint="8 digits."
        errors={errors("code")}
      />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Signing in…">Sign in with the code</SubmitButton>
      </div>
    </form>
  );
}
