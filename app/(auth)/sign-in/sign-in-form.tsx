"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { guardOversized } from "@/lib/forms/oversized";
import { idle } from "@/lib/forms/state";
import { signInAction } from "../actions";

const guardedSignIn = guardOversized(signInAction, ["login"]);

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(guardedSignIn, idle);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        label="Username or email"
        name="login"
        autoComplete="username webauthn"
        required
        defaultValue={state.values?.login}
        errors={state.fields?.login}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fields?.password}
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
