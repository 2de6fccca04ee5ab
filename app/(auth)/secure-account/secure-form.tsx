"use client";

import { FormMessage } from "@/components/form-message";
import { LinkButton } from "@/components/link-button";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { ACTION_FAILED, NETWORK_FAILED } from "@/lib/messages";
import { secureAccountAction } from "./actions";

/**
 * Opening the notice's link changes nothing (mail scanners prefetch links): the person presses the button.
 * A call that never got an answer keeps the button, to try again.
 */
export function SecureAccountForm({ token }: { token: string }) {
  const { state, formProps } = useKeptForm(secureAccountAction);
  const unanswered = state.message === NETWORK_FAILED || state.message === ACTION_FAILED;
  if (state.status === "success" || (state.status === "error" && !unanswered)) {
    return (
      <div className="space-y-5">
        <FormMessage status={state.status} message={state.message} />
        <div className="flex justify-end">
          {state.status === "success" ? (
            <LinkButton href="/sign-in">Go to sign in</LinkButton>
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
        This signs out every browser and program signed in to your account, this one too, and emails you a link to
        choose a new password. Until you choose one, the old password still works: use the link soon.
      </p>
      <input type="hidden" name="token" value={token} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Securing…">Sign out everywhere and reset</SubmitButton>
      </div>
    </form>
  );
}
