"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { keptAction } from "@/lib/forms/kept-form";
import { idle } from "@/lib/forms/state";
import { acceptInvitationAction, declineInvitationAction } from "./invitation-actions";

/** "Accept invitation" and "Decline": each a form post of the link's token; nothing happened before a press. */
export function InvitationButtons({ token, canAccept }: { token: string; canAccept: boolean }) {
  const [accepted, accept] = useActionState(keptAction(acceptInvitationAction), idle);
  const [declined, decline] = useActionState(keptAction(declineInvitationAction), idle);
  if (declined.status === "success") return <FormMessage status="success" message={declined.message} />;
  return (
    <div className="space-y-4">
      <FormMessage status={accepted.status} message={accepted.message} />
      <FormMessage status={declined.status} message={declined.message} />
      <div className="flex flex-col gap-3 sm:flex-row sm:justify-end">
        <form action={decline}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton variant="secondary" pendingLabel="Declining…">
            Decline
          </SubmitButton>
        </form>
        {canAccept ? (
          <form action={accept}>
            <input type="hidden" name="token" value={token} />
            <SubmitButton pendingLabel="Joining…">Accept invitation</SubmitButton>
          </form>
        ) : null}
      </div>
    </div>
  );
}
