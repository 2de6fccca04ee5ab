"use client";

import { FormMessage } from "@/components/form-message";
import { LinkButton } from "@/components/link-button";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { ACTION_FAILED, NETWORK_FAILED } from "@/lib/messages";

/**
 * The one button of an emailed link's page: opening the link changes nothing (mail scanners prefetch links), the
 * person presses the button, which posts the link's token. After an answer, one primary next step: `next` on
 * success, a password reset otherwise. A call that never got an answer (a dropped connection, a server failure)
 * keeps the button, to try again: the link is still good.
 */
export function TokenButtonForm({
  token,
  action,
  explanation,
  submitLabel,
  pendingLabel,
  next,
}: {
  token: string;
  action: Parameters<typeof useKeptForm>[0];
  explanation: string;
  submitLabel: string;
  pendingLabel: string;
  next: { href: string; label: string };
}) {
  const { state, formProps } = useKeptForm(action);
  const unanswered = state.message === NETWORK_FAILED || state.message === ACTION_FAILED;
  if (state.status === "success" || (state.status === "error" && !unanswered)) {
    return (
      <div className="space-y-5">
        <FormMessage status={state.status} message={state.message} />
        <div className="flex justify-end">
          {state.status === "success" ? (
            <LinkButton href={next.href}>{next.label}</LinkButton>
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
      <p className="text-sm text-slate-600">{explanation}</p>
      <input type="hidden" name="token" value={token} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
