"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormMessage } from "@/components/form-message";
import { Time } from "@/components/time";
import type { IdentityDto } from "@/lib/identities/dto";
import { callApi } from "@/app/_passkeys/browser";
import { ReauthDialog } from "@/app/_reauth/reauth-dialog";
import { useReauthRetry } from "@/app/_reauth/use-reauth-action";

const secondary =
  "inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm transition hover:bg-slate-100";

type Note = { status: "error" | "success"; message: string } | null;

/** The list and "Disconnect" (ConfirmDialog, then `DELETE /api/users/me/identities/{id}`; a fresh proof if asked). */
export function ConnectedAccounts({
  identities,
  totp,
  hasPassword,
  passkey,
  username,
}: {
  identities: IdentityDto[];
  totp: boolean;
  hasPassword: boolean;
  passkey: boolean;
  username: string;
}) {
  const router = useRouter();
  const [note, setNote] = useState<Note>(null);
  const [confirming, setConfirming] = useState<IdentityDto | null>(null);
  const { ask, reauth } = useReauthRetry();

  const disconnect = async (identity: IdentityDto) => {
    const answer = await callApi("DELETE", `/api/users/me/identities/${identity.id}`);
    setConfirming(null);
    if (answer.ok) {
      setNote({ status: "success", message: `${identity.providerName} is disconnected. It no longer signs you in.` });
      router.refresh();
    } else if (answer.code === "reauthentication_required") ask(() => void disconnect(identity));
    else setNote({ status: "error", message: answer.message });
  };

  return (
    <div className="space-y-5">
      <ReauthDialog
        {...reauth}
        totp={totp}
        password={hasPassword}
        passkey={passkey}
        username={username}
        description="Disconnecting an account needs a fresh proof that it is you. Then it carries on."
      />
      <FormMessage status={note?.status ?? "idle"} message={note?.message} />
      {identities.length > 0 ? (
        <ul
          className="divide-y divide-slate-200 rounded-xl border border-slate-200"
          aria-label="Your connected accounts"
        >
          {identities.map((identity) => (
            <li
              key={identity.id}
              aria-label={identity.providerName}
              className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:justify-between"
            >
              <div className="min-w-0 text-sm">
                <p className="font-medium break-words text-slate-900">{identity.providerName}</p>
                <p className="break-all text-slate-700">{identity.email ?? "No email address given"}</p>
                <p className="text-slate-600">
                  <Time at={identity.connectedAt} prefix="Connected " /> ·{" "}
                  {identity.lastUsedAt ? <Time at={identity.lastUsedAt} prefix="last used " /> : "never used"}
                </p>
              </div>
              <button type="button" className={`${secondary} shrink-0`} onClick={() => setConfirming(identity)}>
                Disconnect<span className="sr-only"> {identity.providerName}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-600">
          No connected accounts.
        </p>
      )}
      <ConfirmDialog
        open={confirming !== null}
        onCancel={() => setConfirming(null)}
        title={`Disconnect ${confirming?.providerName ?? ""}?`}
        confirmLabel="Disconnect"
        pendingLabel="Disconnecting…"
        action={() => (confirming ? disconnect(confirming) : undefined)}
      >
        <p>
          You will no longer be able to sign in with it
          {confirming?.email ? (
            <>
              {" "}
              (<span className="break-all">{confirming.email}</span>)
            </>
          ) : null}
          . You can connect it again later.
        </p>
      </ConfirmDialog>
    </div>
  );
}
