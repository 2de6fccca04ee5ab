"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms/state";
import { SubmitButton } from "./submit-button";

/** Says the address is unconfirmed, with a button that sends the link again. */
export function VerifyBanner({ email, resend }: { email: string; resend: () => Promise<FormState> }) {
  const [state, action] = useActionState(resend, { status: "idle" } as FormState);
  return (
    <div
      role="region"
      aria-label="Email not confirmed"
      className="mx-auto mb-6 w-full max-w-2xl rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
    >
      <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p>
          Your email address <strong className="break-all">{email}</strong> is not confirmed yet. Follow the link we
          sent you.
        </p>
        <SubmitButton variant="secondary" pendingLabel="Sending…">
          Resend link
        </SubmitButton>
      </form>
      {state.message && (
        <p aria-live="polite" className="mt-2 font-medium">
          {state.message}
        </p>
      )}
    </div>
  );
}
