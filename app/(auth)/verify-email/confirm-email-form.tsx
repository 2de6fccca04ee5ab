"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { confirmEmailAction } from "./confirm-action";
import { resendVerificationAction } from "./resend-action";

/** Opening the link changes nothing (mail scanners prefetch links): the person presses the button. */
export function ConfirmEmailForm({ token, signedIn }: { token: string; signedIn: boolean }) {
  const [state, confirm] = useActionState(confirmEmailAction, idle);
  const [resent, resend] = useActionState(resendVerificationAction, idle);
  if (state.status === "success") {
    return (
      <div className="space-y-5">
        <FormMessage status="success" message={state.message} />
        <Link href={signedIn ? "/account" : "/sign-in"} className="font-medium text-brand-700 hover:underline">
          {signedIn ? "Go to your account" : "Sign in"}
        </Link>
      </div>
    );
  }
  if (state.status === "error") {
    return (
      <div className="space-y-5">
        <FormMessage status="error" message={state.message} />
        {signedIn ? (
          <form action={resend} className="space-y-3">
            <FormMessage status={resent.status} message={resent.message} />
            <SubmitButton pendingLabel="Sending…">Send me a new link</SubmitButton>
          </form>
        ) : (
          <p className="text-sm text-slate-600">
            <Link href="/sign-in?callbackUrl=/account" className="font-medium text-brand-700 hover:underline">
              Sign in
            </Link>{" "}
            to get a new link.
          </p>
        )}
      </div>
    );
  }
  return (
    <form action={confirm} className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Confirming…">Confirm my email</SubmitButton>
    </form>
  );
}
