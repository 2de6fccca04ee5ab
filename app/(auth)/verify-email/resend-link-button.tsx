"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { resendVerificationAction } from "./resend-action";
import { keptAction } from "@/lib/forms/kept-form";

/** "Send me a new link" for a signed-in person whose verification link is dead: to their own address. */
export function ResendLinkButton() {
  const [state, resend] = useActionState(keptAction(resendVerificationAction), idle);
  return (
    <form action={resend} className="flex w-full flex-col items-stretch gap-3 sm:w-auto sm:items-end">
      <FormMessage status={state.status} message={state.message} />
      <SubmitButton pendingLabel="Sending…">Send me a new link</SubmitButton>
    </form>
  );
}
