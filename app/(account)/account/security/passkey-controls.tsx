"use client";

import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { BusyButton } from "@/components/busy-button";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import type { PasskeyDto } from "@/lib/passkeys/dto";
import { ReauthDialog } from "@/app/_reauth/reauth-dialog";
import { useReauthRetry } from "@/app/_reauth/use-reauth-action";
import { callApi, ceremonyMessage } from "@/app/_passkeys/browser";
import { useWebAuthnSupport } from "@/app/_passkeys/use-webauthn";
import { PasskeyItem } from "./passkey-item";
import { SignOutElsewhere } from "./sign-out-elsewhere";

/** What the panel says; after a passkey is added, also how many other sessions are still signed in. */
type Note = { status: "error" | "success"; message: string; otherSessions?: number } | null;

/** The add form and the list; every change goes through the JSON API (the page's own same-origin calls). */
export function PasskeyControls({
  passkeys,
  totp,
  hasPassword = true,
  username,
}: {
  passkeys: PasskeyDto[];
  totp: boolean;
  hasPassword?: boolean;
  username: string;
}) {
  const router = useRouter();
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const { ask, reauth } = useReauthRetry();
  /** Passkeys added while the page is open: a new one starts a fresh "sign out everywhere else" offer. */
  const [added, setAdded] = useState(0);
  const supported = useWebAuthnSupport();

  /**
   * An answer that needs a fresh proof opens "Confirm it is you"; once confirmed, `retry` does the same step
   * again by itself. Other refusals become the note.
   */
  const failed = (answer: { code?: string; message: string }, retry: () => void) => {
    if (answer.code === "reauthentication_required") ask(retry);
    else setNote({ status: "error", message: answer.message });
  };

  const add = async (form: FormData) => {
    setBusy(true);
    setNote(null);
    try {
      const options = await callApi<PublicKeyCredentialCreationOptionsJSON>(
        "POST",
        "/api/passkeys/registration/options",
      );
      if (!options.ok) return failed(options, () => void add(form));
      let response;
      try {
        response = await startRegistration({ optionsJSON: options.data });
      } catch (error) {
        const message = ceremonyMessage(error, "create");
        if (message) setNote({ status: "error", message });
        return;
      }
      const name = String(form.get("name") ?? "").trim();
      const saved = await callApi<PasskeyDto & { otherSessions: number }>("POST", "/api/passkeys/registration", {
        response,
        ...(name ? { name } : {}),
      });
      if (!saved.ok) return failed(saved, () => void add(form));
      setAdded((n) => n + 1);
      setNote({
        status: "success",
        message: `Passkey “${saved.data.name}” added. You can sign in with it now.`,
        otherSessions: saved.data.otherSessions,
      });
      router.refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-5">
      <ReauthDialog
        {...reauth}
        totp={totp}
        password={hasPassword}
        username={username}
        passkey={passkeys.length > 0}
        description={
          hasPassword
            ? "Adding or removing a passkey needs your password again (or another proof). Then it carries on."
            : "Adding or removing a passkey needs a fresh proof that it is you. Then it carries on."
        }
      />
      <FormMessage status={note?.status ?? "idle"} message={note?.message} />
      {note?.otherSessions ? <SignOutElsewhere key={added} others={note.otherSessions} /> : null}
      {passkeys.length > 0 ? (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200" aria-label="Your passkeys">
          {passkeys.map((p) => (
            <PasskeyItem
              key={p.id}
              passkey={p}
              onDone={(message) => {
                setNote({ status: "success", message });
                router.refresh();
              }}
              onFailed={failed}
            />
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-600">
          No passkeys yet.
        </p>
      )}
      {supported ? (
        <form action={add} className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="flex-1">
            <Field
              label="Name (optional)"
              name="name"
              maxLength={64}
              autoComplete="off"
              hint="Leave it empty to name it after this browser."
            />
          </div>
          <BusyButton type="submit" className="sm:mb-6" busy={busy} busyLabel="Waiting for your passkey…">
            Add a passkey
          </BusyButton>
        </form>
      ) : (
        <p className="text-sm text-slate-600">This browser cannot create passkeys.</p>
      )}
    </div>
  );
}
