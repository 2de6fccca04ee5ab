"use client";

import { useActionState, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormMessage } from "@/components/form-message";
import { Time } from "@/components/time";
import { keptAction } from "@/lib/forms/kept-form";
import { idle } from "@/lib/forms/state";
import type { InvitationDto } from "@/lib/organizations/invitations";
import { revokeInvitationAction } from "./invitation-actions";

/** The pending invitations, each with "Revoke" (after a confirmation). */
export function InvitationList({ slug, invitations }: { slug: string; invitations: InvitationDto[] }) {
  const [state, action] = useActionState(keptAction(revokeInvitationAction), idle);
  const [confirming, setConfirming] = useState<InvitationDto | null>(null);
  return (
    <section aria-labelledby="pending-heading" className="space-y-3">
      <h2 id="pending-heading" className="text-lg font-semibold text-slate-900">
        Pending invitations
      </h2>
      <FormMessage status={state.status} message={state.message} />
      {invitations.length === 0 ? (
        <p className="text-sm text-slate-600">No pending invitations.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="break-all text-sm font-medium text-slate-900">{invitation.email}</p>
                <p className="text-xs text-slate-600">
                  {invitation.role} · expires <Time at={invitation.expiresAt} />
                </p>
              </div>
              <button
                type="button"
                onClick={() => setConfirming(invitation)}
                aria-label={`Revoke the invitation to ${invitation.email}`}
                className="inline-flex shrink-0 items-center justify-center rounded-lg border border-red-300 bg-white px-3 py-1.5 text-sm font-semibold text-red-700 shadow-sm hover:bg-red-50"
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirming !== null}
        onCancel={() => setConfirming(null)}
        title="Revoke this invitation?"
        confirmLabel="Revoke"
        pendingLabel="Revoking…"
        action={async (form) => {
          await action(form);
          setConfirming(null);
        }}
      >
        <p>
          The link sent to <strong className="break-all">{confirming?.email}</strong> will stop working. You can invite
          the address again later.
        </p>
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="id" value={confirming?.id ?? ""} />
      </ConfirmDialog>
    </section>
  );
}
