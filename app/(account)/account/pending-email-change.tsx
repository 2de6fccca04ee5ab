"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { Time } from "@/components/time";
import { idle } from "@/lib/forms/state";
import { cancelEmailChangeAction, resendEmailChangeAction } from "./email-actions";
import { keptAction } from "@/lib/forms/kept-form";

/** An email change waiting for its link: where it goes, until when, and "Resend link" / "Cancel change". */
export function PendingEmailChange({ pending }: { pending: { email: string; expiresAt: string } | null }) {
  const [resent, resend] = useActionState(keptAction(resendEmailChangeAction), idle);
  const [cancelled, cancel] = useActionState(keptAction(cancelEmailChangeAction), idle);
  if (cancelled.status === "success") {
    return (
      <div className="mt-3">
        <FormMessage status="success" message={cancelled.message} />
      </div>
    );
  }
  if (!pending) return null;
  const { email, expiresAt } = pending;
  return (
    <div className="mt-3 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
      <p>
        Changing to <strong className="break-all">{email}</strong>: follow the link we sent there to confirm. The link
        expires <Time at={expiresAt} />.
      </p>
      {resent.status !== "idle" && <FormMessage status={resent.status} message={resent.message} />}
      {cancelled.status === "error" && <FormMessage status="error" message={cancelled.message} />}
      <div className="mt-3 flex flex-wrap gap-2">
        <form action={resend}>
          <SubmitButton variant="secondary" pendingLabel="Sending…">
            Resend link
          </SubmitButton>
        </form>
        <form action={cancel}>
          <SubmitButton variant="secondary" pendingLabel="Cancelling…">
            Cancel change
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}
