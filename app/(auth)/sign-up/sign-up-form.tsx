"use client";

import Link from "next/link";
import { useRef, type FocusEvent } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { ProfileFields } from "@/components/profile-fields";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { guardOversized } from "@/lib/forms/oversized";
import { idle } from "@/lib/forms/state";
import { signUpAction, usernameCheckAction } from "../actions";

const guardedSignUp = guardOversized(signUpAction, ["username", "email", "displayName", "avatarUrl", "bio"]);

/**
 * Sign-up: every problem is answered in one round (the server checks availability with the rest), what was
 * typed stays after a failed submit, passwords included (lib/forms/kept-form.ts), and the username is also
 * checked when the field is left.
 */
export function SignUpForm() {
  const { state, errors, setFieldErrors, values: v, formProps } = useKeptForm(guardedSignUp);
  const checked = useRef("");

  async function checkUsername(event: FocusEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const username = input.value;
    if (username.trim() === "" || username === checked.current) return;
    checked.current = username;
    const form = new FormData();
    form.set("username", username);
    try {
      const answer = await usernameCheckAction(idle, form);
      // Typed on since: this answer is about another name.
      if (input.value === username) setFieldErrors("username", answer.fields?.username);
    } catch {
      checked.current = ""; // not reached: the submit will check it
    }
  }

  return (
    <form {...formProps} className="space-y-5">
      <FormMessage status={state.status} message={state.message} />
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        required
        hint="3–30 letters, digits, dots, dashes or underscores."
        defaultValue={v.username}
        errors={errors("username")}
        onBlur={checkUsername}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={v.email}
        errors={errors("email")}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters, not a common password."
        errors={errors("password")}
      />
      <Field
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors("confirmPassword")}
      />
      <details
        className="group rounded-lg border border-slate-200 p-4 open:bg-slate-50"
        open={Boolean(
          v.displayName || v.avatarUrl || v.bio || errors("displayName") || errors("avatarUrl") || errors("bio"),
        )}
      >
        <summary className="cursor-pointer text-sm font-medium text-slate-800">Profile (optional)</summary>
        <div className="mt-4 space-y-5">
          <ProfileFields
            values={v}
            errors={{ displayName: errors("displayName"), avatarUrl: errors("avatarUrl"), bio: errors("bio") }}
          />
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
