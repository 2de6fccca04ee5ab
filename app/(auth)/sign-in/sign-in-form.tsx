"use client";

import Link from "next/link";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { guardOversized } from "@/lib/forms/oversized";
import { signInAction } from "../actions";

const guardedSignIn = guardOversized(signInAction, ["login"]);

/** Sign-in: login and password stay after a failed submit, a dropped connection included (lib/forms/kept-form.ts). */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { state, errors, formProps } = useKeptForm(guardedSignIn);
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        label="Username or email"
        name="login"
        autoComplete="username webauthn"
        required
        defaultValue={state.values?.login}
        errors={errors("login")}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={errors("password")}
      />
      <p className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          Forgot your password?
        </Link>
      </p>
      <div className="flex flex-col-reverse items-center gap-4 sm:flex-row sm:justify-between">
        <p className="text-sm text-slate-600">
          New here?{" "}
          <Link href="/sign-up" className="font-medium text-brand-700 underline-offset-2 hover:underline">
            Create an account
          </Link>
        </p>
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </div>
    </form>
  );
}
