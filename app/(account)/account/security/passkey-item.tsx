"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Field } from "@/components/field";
import { Time } from "@/components/time";
import type { PasskeyDto } from "@/lib/passkeys/dto";
import { callApi } from "@/app/_passkeys/browser";

const secondary =
  "inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm transition hover:bg-slate-100 disabled:cursor-wait";

/** One passkey: what it is, and rename / remove (confirmed in a ConfirmDialog) through the API. */
export function PasskeyItem({
  passkey,
  onDone,
  onFailed,
}: {
  passkey: PasskeyDto;
  onDone: (message: string) => void;
  /** A refusal; `retry` does the same call again (after a fresh proof). */
  onFailed: (answer: { code?: string; message: string }, retry: () => void) => void;
}) {
  const [mode, setMode] = useState<"view" | "rename" | "remove">("view");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | undefined>();

  const rename = async (form: FormData) => {
    setBusy(true);
    const answer = await callApi<PasskeyDto>("PATCH", `/api/passkeys/${passkey.id}`, {
      name: String(form.get("name") ?? ""),
    });
    setBusy(false);
    if (answer.ok) {
      setMode("view");
      setErrors(undefined);
      onDone(`Renamed to “${answer.data.name}”.`);
    } else if (answer.status === 400) setErrors([answer.message]);
    else onFailed(answer, () => void rename(form));
  };

  const remove = async () => {
    const answer = await callApi("DELETE", `/api/passkeys/${passkey.id}`);
    setMode("view");
    if (answer.ok) onDone(`Passkey “${passkey.name}” removed. It can no longer sign in.`);
    else onFailed(answer, () => void remove());
  };

  return (
    <li className="space-y-3 px-4 py-4" aria-label={passkey.name}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 text-sm">
          <p className="font-medium break-words text-slate-900">
            {passkey.name}{" "}
            <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-600">
              {passkey.backedUp ? "Synced" : "This device only"}
            </span>
          </p>
          <p className="text-slate-600">
            <Time at={passkey.createdAt} prefix="Added " /> ·{" "}
            {passkey.lastUsedAt ? <Time at={passkey.lastUsedAt} prefix="last used " /> : "never used"}
          </p>
        </div>
        {mode !== "rename" && (
          <div className="flex shrink-0 gap-2">
            <button type="button" className={secondary} onClick={() => setMode("rename")}>
              Rename<span className="sr-only"> {passkey.name}</span>
            </button>
            <button type="button" className={secondary} onClick={() => setMode("remove")}>
              Remove<span className="sr-only"> {passkey.name}</span>
            </button>
          </div>
        )}
      </div>
      {mode === "rename" && (
        <form action={rename} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
          <div className="flex-1">
            <Field
              id={`rename-${passkey.id}`}
              label="New name"
              name="name"
              defaultValue={passkey.name}
              maxLength={64}
              required
              autoFocus
              errors={errors}
            />
          </div>
          <div className="flex gap-2 sm:mt-7">
            <button type="submit" className={secondary} disabled={busy} aria-disabled={busy}>
              {busy ? "Saving…" : "Save"}
            </button>
            <button type="button" className={secondary} onClick={() => setMode("view")}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={mode === "remove"}
        onCancel={() => setMode("view")}
        title={`Remove “${passkey.name}”?`}
        confirmLabel="Remove passkey"
        pendingLabel="Removing…"
        action={remove}
      >
        <p>It will no longer sign you in. The device may still offer it; this site will refuse it.</p>
      </ConfirmDialog>
    </li>
  );
}
