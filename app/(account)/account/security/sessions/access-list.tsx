"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { useFormStatus } from "react-dom";
import { BusyButton } from "@/components/busy-button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { Time } from "@/components/time";
import type { AccessItem, AccessKind } from "@/lib/access/dto-schemas";
import { idle } from "@/lib/forms/state";
import { keptAction } from "@/lib/forms/kept-form";
import { callApi } from "@/app/_passkeys/browser";
import { ReauthDialog } from "@/app/_reauth/reauth-dialog";
import { useReauthRetry } from "@/app/_reauth/use-reauth-action";
import { revokeOtherSessionsAction, revokeSessionAction } from "../actions";
import { revokeApiKeyAction } from "./actions";

const KIND: Record<AccessKind, string> = {
  session: "Session",
  api_key: "API key",
  identity: "Connected account",
  impersonation: "Administrator",
};

/** The row's button as a form post: "Sign out" (a session), "End" (an impersonation), "Revoke" (an API key). */
function RowButton({ label, busyLabel, name }: { label: string; busyLabel: string; name: string }) {
  const { pending } = useFormStatus();
  return (
    <BusyButton type="submit" variant="secondary" className="shrink-0" busy={pending} busyLabel={busyLabel}>
      {label}
      <span className="sr-only"> {name}</span>
    </BusyButton>
  );
}

function SessionForm({ item }: { item: AccessItem }) {
  const [state, action] = useActionState(keptAction(revokeSessionAction), idle);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="sessionId" value={item.id} />
      {item.kind === "impersonation" ? (
        <RowButton label="End" busyLabel="Ending…" name={item.label} />
      ) : (
        <RowButton label="Sign out" busyLabel="Signing out…" name={item.label} />
      )}
      {state.status === "error" && <p className="text-sm text-red-700">{state.message}</p>}
    </form>
  );
}

function KeyForm({ item }: { item: AccessItem }) {
  const [state, action] = useActionState(keptAction(revokeApiKeyAction), idle);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="keyId" value={item.id} />
      <RowButton label="Revoke" busyLabel="Revoking…" name={item.label} />
      {state.status === "error" && <p className="text-sm text-red-700">{state.message}</p>}
    </form>
  );
}

/** When it ends: a session's idle end and its last possible one, else its expiry. */
function Ends({ item }: { item: AccessItem }) {
  if (item.idleExpiresAt && item.expiresAt && item.idleExpiresAt < item.expiresAt)
    return (
      <>
        <Time at={item.idleExpiresAt} prefix="Ends " /> if not used before, and <Time at={item.expiresAt} /> at the
        latest
      </>
    );
  return item.expiresAt ? <Time at={item.expiresAt} prefix="Ends " /> : <>Never ends by itself</>;
}

/**
 * One row in two lines on a phone: what it is and how it proves itself (a badge) beside its button, then, muted,
 * when it was last used and where or what (address, scopes, email, reason). From `sm` up a third line says when
 * it began and when it ends.
 */
function AccessRow({ item, onDisconnect }: { item: AccessItem; onDisconnect: (item: AccessItem) => void }) {
  const text = "col-span-2 sm:col-span-1 sm:col-start-1";
  return (
    <li
      className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 py-3 text-sm"
      aria-label={`${KIND[item.kind]}: ${item.label}`}
      data-kind={item.kind}
    >
      <p className="col-start-1 row-start-1 flex flex-wrap items-center gap-x-2 gap-y-1 font-medium text-slate-900">
        <span className="min-w-0 break-words">{item.label}</span>
        {item.current && (
          <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">This device</span>
        )}
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium break-all text-slate-700">
          {item.proof}
        </span>
      </p>
      {!item.current && (
        <div className="col-start-2 row-start-1 sm:row-span-3">
          {item.kind === "api_key" ? (
            <KeyForm item={item} />
          ) : item.kind === "identity" ? (
            <BusyButton
              variant="secondary"
              className="shrink-0"
              busy={false}
              busyLabel="Disconnecting…"
              onClick={() => onDisconnect(item)}
            >
              Disconnect<span className="sr-only"> {item.label}</span>
            </BusyButton>
          ) : (
            <SessionForm item={item} />
          )}
        </div>
      )}
      <p className={`${text} break-words text-slate-500`}>
        {item.current ? (
          "Active now"
        ) : item.lastUsedAt ? (
          <Time at={item.lastUsedAt} prefix={item.kind === "session" ? "Active " : "Last used "} />
        ) : (
          "Never used"
        )}
        {item.detail && <> · {item.detail}</>}
      </p>
      <p className={`${text} hidden text-xs text-slate-500 sm:block`}>
        <Time at={item.createdAt} prefix={item.kind === "identity" ? "Connected " : "Since "} /> · <Ends item={item} />
      </p>
    </li>
  );
}

type Note = { status: "error" | "success"; message: string } | null;

/**
 * "Access to your account": the list (lib/access/list.ts) with each row's own button — the existing session
 * revoke, the key revoke, and the identity's Disconnect (ConfirmDialog, then `DELETE /api/users/me/identities/{id}`,
 * a fresh proof if asked) — and "Sign out everywhere else", which ends every session but this one and every key.
 */
export function AccessList({
  access,
  totp,
  hasPassword,
  passkey,
  username,
}: {
  access: AccessItem[];
  totp: boolean;
  hasPassword: boolean;
  passkey: boolean;
  username: string;
}) {
  const router = useRouter();
  const [state, action] = useActionState(keptAction(revokeOtherSessionsAction), idle);
  const [note, setNote] = useState<Note>(null);
  const [confirming, setConfirming] = useState<AccessItem | null>(null);
  const { ask, reauth } = useReauthRetry();
  const others = access.some((a) => !a.current && a.kind !== "identity");

  const disconnect = async (item: AccessItem) => {
    const answer = await callApi("DELETE", `/api/users/me/identities/${item.id}`);
    setConfirming(null);
    if (answer.ok) {
      setNote({ status: "success", message: `${item.label} is disconnected. It no longer signs you in.` });
      router.refresh();
    } else if (answer.code === "reauthentication_required") ask(() => void disconnect(item));
    else setNote({ status: "error", message: answer.message });
  };

  return (
    <div className="space-y-4">
      <ReauthDialog
        {...reauth}
        totp={totp}
        password={hasPassword}
        passkey={passkey}
        username={username}
        description="Disconnecting an account needs a fresh proof that it is you. Then it carries on."
      />
      <FormMessage status={state.status} message={state.message} />
      <FormMessage status={note?.status ?? "idle"} message={note?.message} />
      <ul className="divide-y divide-slate-200" aria-label="Sessions">
        {access.map((item) => (
          <AccessRow key={`${item.kind}:${item.id}`} item={item} onDisconnect={setConfirming} />
        ))}
      </ul>
      {others && (
        <form
          action={action}
          className="flex flex-col gap-3 border-t border-slate-200 pt-4 sm:flex-row sm:items-center sm:justify-between"
        >
          <p className="text-sm text-slate-600">
            Ends every other session and revokes every API key. Connected accounts stay.
          </p>
          <SubmitButton variant="secondary" pendingLabel="Signing out…">
            Sign out everywhere else
          </SubmitButton>
        </form>
      )}
      <ConfirmDialog
        open={confirming !== null}
        onCancel={() => setConfirming(null)}
        title={`Disconnect ${confirming?.label ?? ""}?`}
        confirmLabel="Disconnect"
        pendingLabel="Disconnecting…"
        action={() => (confirming ? disconnect(confirming) : undefined)}
      >
        <p>You will no longer be able to sign in with it. You can connect it again later.</p>
      </ConfirmDialog>
    </div>
  );
}
