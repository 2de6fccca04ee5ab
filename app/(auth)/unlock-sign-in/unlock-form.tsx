"use client";

import { FormMessage } from "@/components/form-message";
import { LinkButton } from "@/components/link-button";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { ACTION_FAILED, NETWORK_FAILED } from "@/lib/messages";
import { unlockSignInAction } from "./actions";

/**
 * Opening the link changes nothing (mail scanners prefetch links): the person presses the button. The page
 * has already turned a dead link away; an error here is a link spent meanwhile. One primary next step each.
 * A call that never got an answer (a dropped connection, a server failure) keeps the button, to try again:
 * the link is still good.
 */
export function UnlockForm({ token }: { token: string }) {
  const { state, formProps } = useKeptForm(unlockSignInAction);
  const unanswered = state.message === NETWORK_FAILED || state.message === ACTION_FAILED;
  if (state.status === "success" || (state.status === "error" && !unanswered)) {
    return (
      <div className="space-y-5">
        <FormMessage status={state.status} message={state.message} />
        <div className="flex justify-end">
          {state.status === "success" ? (
            <LinkButton href="/sign-in">Sign in</LinkButton>
          ) : (
            <LinkButton href="/forgot-password">Reset your password instead</LinkButton>
          )}
        </div>
      </div>
    );
  }
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage status={state.status} message={state.message} />
      <p className="text-sm text-slate-600">
        If the wrong passwords were yours, lift the pause now. If they were not, your password held; you may still want
        to choose a new one.
      </p>
      <input type="hidden" name="token" value={token} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Unlocking…">Unlock sign-in</SubmitButton>
      </div>
    </form>
  );
}
