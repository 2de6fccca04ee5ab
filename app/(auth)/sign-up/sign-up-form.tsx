"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { ProfileFields } from "@/components/profile-fields";
import { SubmitButton } from "@/components/submit-button";
import { guardOversized } from "@/lib/forms/oversized";
import { idle } from "@/lib/forms/state";
import { signUpAction } from "../actions";

const guardedSignUp = guardOversized(signUpAction, ["username", "email", "displayName", "avatarUrl", "bio"]);

export function SignUpForm() {
  const [state, action] = useActionState(guardedSignUp, idle);
  const v = state.values ?? {};
  const e = state.fields ?? {};
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage status={state.status} message={state.message} />
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        required
        hint="3–30 letters, digits, dots, dashes or underscores."
        defaultValue={v.username}
        errors={e.username}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={v.email}
        errors={e.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        errors={e.password}
      />
      <Field
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={e.confirmPassword}
      />
      <details
        className="group rounded-lg border border-slate-200 p-4 open:bg-slate-50"
        open={Boolean(v.displayName || v.avatarUrl || v.bio || e.displayName || e.avatarUrl || e.bio)}
      >
        <summary className="cursor-pointer text-sm font-medium text-slate-800">Profile (optional)</summary>
        <div className="mt-4 space-y-5">
          <ProfileFields values={v} errors={e} />
        </div>
      </details>
      <div className="flex flex-col-reverse items-center gap-4 sm:flex-row sm:justify-between">
        <p className="text-sm text-slate-600">
          Have an account?{" "}
          <Link href="/sign-in" className="font-medium text-brand-700 underline-offset-2 hover:underline">
            Sign in
          </Link>
        </p>
        <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
      </div>
    </form>
  );
}
