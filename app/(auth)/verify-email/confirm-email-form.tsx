"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { LinkButton } from "@/components/link-button";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { confirmEmailAction } from "./confirm-action";
import { resendVerificationAction } from "./resend-action";

/**
 * Opening the link changes nothing (mail scanners prefetch links): the person presses the button. The page
 * has already turned a dead link away; an error here is a link spent meanwhile (another tab) or an address
 * taken since. Every end state has one primary next step.
 */
export function ConfirmEmailForm({ token, signedIn }: { token: string; signedIn: boolean }) {
  const [state, confirm] = useActionState(confirmEmailAction, idle);
  const [resent, resend] = useActionState(resendVerificationAction, idle);
  if (state.status === "success") {
    return (
      <div className="space-y-5">
        <FormMessage status="success" message={state.message} />
        <div className="flex justify-end">
          <LinkButton href={signedIn ? "/account" : "/sign-in"}>
            {signedIn ? "Go to your account" : "Sign in"}
          </LinkButton>
        </div>
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
            <div className="flex justify-end">
              <SubmitButton pendingLabel="Sending…">Send me a new link</SubmitButton>
            </div>
          </form>
        ) : (
          <div className="flex flex-col-reverse items-center gap-4 sm:flex-row sm:justify-between">
            <Link href="/" className="inline-block py-2 text-sm font-medium text-brand-700 hover:underline">
              Back to the start
            </Link>
            <LinkButton href="/sign-in?callbackUrl=%2Fverify-email">Sign in to get a new link</LinkButton>
          </div>
        )}
      </div>
    );
  }
  return (
    <form action={confirm} className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Confirming…">Confirm my email</SubmitButton>
      </div>
    </form>
  );
}
