"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormMessage } from "@/components/form-message";
import { Time } from "@/components/time";
import type { ApiKeyDto, CreatedApiKey } from "@/lib/api-keys/dto-schemas";
import { API_KEY_SCOPES, SCOPE_LABELS } from "@/lib/api-keys/scopes";
import { callApi } from "@/app/_passkeys/browser";
import { ReauthDialog } from "@/app/_reauth/reauth-dialog";
import { useReauthRetry } from "@/app/_reauth/use-reauth-action";
import { CreateKeyForm, type NewKey } from "./create-key-form";
import { ShownOnce } from "./shown-once";

const secondary =
  "inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm transition hover:bg-slate-100";

type Note = { status: "error" | "success"; message: string } | null;

const expired = (key: ApiKeyDto) => key.expiresAt !== null && new Date(key.expiresAt).getTime() <= Date.now();

/** The list, "Revoke" (ConfirmDialog, then DELETE), and "Create a key" (a fresh proof if asked; the key shown once). */
export function ApiKeys(props: {
  keys: ApiKeyDto[];
  totp: boolean;
  hasPassword: boolean;
  passkey: boolean;
  username: string;
}) {
  const { keys } = props;
  const router = useRouter();
  const [note, setNote] = useState<Note>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  const { ask, reauth } = useReauthRetry();

  const create = async (input: NewKey): Promise<string | null> => {
    const answer = await callApi<CreatedApiKey>("POST", "/api/users/me/api-keys", input);
    if (answer.ok) {
      setCreated(answer.data);
      setCreating(false);
      setNote(null);
      router.refresh();
      return null;
    }
    if (answer.code === "reauthentication_required") {
      ask(() => void create(input));
      return null;
    }
    return answer.message;
  };

  const revoke = async (key: ApiKeyDto) => {
    const answer = await callApi("DELETE", `/api/users/me/api-keys/${key.id}`);
    setRevoking(null);
    if (answer.ok || answer.status === 404) {
      setNote({ status: "success", message: `The key "${key.name}" is revoked. It no longer works.` });
      router.refresh();
    } else setNote({ status: "error", message: answer.message });
  };

  return (
    <div className="space-y-5">
      <ReauthDialog
        {...reauth}
        totp={props.totp}
        password={props.hasPassword}
        passkey={props.passkey}
        username={props.username}
        description="Creating a key needs a fresh proof that it is you. Then it carries on."
      />
      <FormMessage status={note?.status ?? "idle"} message={note?.message} />
      {created && <ShownOnce created={created} onDone={() => setCreated(null)} />}
      {creating ? (
        <CreateKeyForm onCreate={create} onCancel={() => setCreating(false)} />
      ) : (
        !created && (
          <button type="button" className={secondary} onClick={() => setCreating(true)}>
            Create a key
          </button>
        )
      )}
      {keys.length > 0 ? (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200" aria-label="Your API keys">
          {keys.map((key) => (
            <li
              key={key.id}
              aria-label={key.name}
              className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:justify-between"
            >
              <div className="min-w-0 space-y-0.5 text-sm">
                <p className="font-medium break-words text-slate-900">
                  {key.name} <code className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs">{key.prefix}…</code>
                </p>
                <p className="text-slate-700">
                  {API_KEY_SCOPES.filter((s) => key.scopes.includes(s)).map((s, i) => (
                    <span key={s}>
                      {i > 0 && ", "}
                      <span title={SCOPE_LABELS[s]}>{s}</span>
                    </span>
                  ))}
                </p>
                <p className="text-slate-600">
                  <Time at={key.createdAt} prefix="Created " /> ·{" "}
                  {key.lastUsedAt ? <Time at={key.lastUsedAt} prefix="last used " /> : "never used"} ·{" "}
                  {key.expiresAt === null ? (
                    "never expires"
                  ) : expired(key) ? (
                    <span className="font-medium text-red-700">
                      <Time at={key.expiresAt} prefix="expired " />
                    </span>
                  ) : (
                    <Time at={key.expiresAt} prefix="expires " />
                  )}
                </p>
              </div>
              <button type="button" className={`${secondary} shrink-0`} onClick={() => setRevoking(key)}>
                Revoke<span className="sr-only"> {key.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-600">
          No API keys.
        </p>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onCancel={() => setRevoking(null)}
        title={`Revoke "${revoking?.name ?? ""}"?`}
        confirmLabel="Revoke"
        pendingLabel="Revoking…"
        action={() => (revoking ? revoke(revoking) : undefined)}
      >
        <p>Programs using this key are signed out at once. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
