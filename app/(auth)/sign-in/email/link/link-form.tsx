"use client";

import { FormMessage } from "@/components/form-message";
import { LinkButton } from "@/components/link-button";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { ACTION_FAILED, NETWORK_FAILED } from "@/lib/messages";
import { emailLinkSignInAction } from "../actions";

/**
 * "Sign me in": the one POST that spends the link (mail scanners open links, and some press nothing). On success
 * the browser moves to the account (a URL without the token). A refusal offers a new link; a call that never got
 * an answer keeps the button, to try again.
 */
export function LinkSignInForm({ token }: { token: string }) {
  const { state, formProps } = useKeptForm(emailLinkSignInAction);
  const unanswered = state.message === NETWORK_FAILED || state.message === ACTION_FAILED;
  if (state.status === "error" && !unanswered) {
    return (
      <div className="space-y-5">
        <FormMessage status={state.status} message={state.message} />
        <div className="flex justify-end">
          <LinkButton href="/sign-in/email">Email me a new link</LinkButton>
        </div>
      </div>
    );
  }
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="token" value={token} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Signing in…">Sign me in</SubmitButton>
      </div>
    </form>
  );
}
