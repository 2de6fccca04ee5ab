"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId, useState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { reauthenticateAction } from "./actions";

/**
 * Asks for the password (or, with two-factor on, an authenticator-app code) in place, then carries on:
 * `onConfirmed` runs (default: refresh the page, whose server components then see a fresh session).
 * Show it where a sensitive change is (ReauthGate) or when a form's state has
 * `reason === "reauthentication_required"`.
 */
export function ReauthPrompt({
  totp = false,
  username,
  title = "Confirm it is you",
  description = "For your security, enter your password again before making this change.",
  onConfirmed,
}: {
  totp?: boolean;
  /** Lets password managers pair the password with the account. */
  username?: string;
  title?: string;
  description?: string;
  onConfirmed?: () => void;
}) {
  const router = useRouter();
  const [state, action] = useActionState(reauthenticateAction, idle);
  const [useCode, setUseCode] = useState(false);
  const headingId = useId();
  useEffect(() => {
    if (state.status !== "success") return;
    if (onConfirmed) onConfirmed();
    else router.refresh();
  }, [state, onConfirmed, router]);
  const e = state.fields ?? {};
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-amber-200 bg-amber-50/60 p-4 sm:p-5">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">
        {title}
      </h3>
      <p className="mt-1 text-sm text-slate-700">{description}</p>
      <form action={action} className="mt-4 space-y-4" noValidate>
        <FormMessage status={state.status} message={state.message} />
        {username && <input type="hidden" name="username" autoComplete="username" value={username} readOnly />}
        {useCode ? (
          <Field
            key="code"
            label="Code from your authenticator app"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            required
            errors={e.code}
          />
        ) : (
          <Field
            key="password"
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            errors={e.password}
          />
        )}
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-between">
          {totp ? (
            <button
              type="button"
              onClick={() => setUseCode((v) => !v)}
              className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-100"
            >
              {useCode ? "Use your password instead" : "Use a code from your authenticator app instead"}
            </button>
          ) : (
            <span />
          )}
          <SubmitButton pendingLabel="Checking…">Confirm</SubmitButton>
        </div>
      </form>
    </section>
  );
}
