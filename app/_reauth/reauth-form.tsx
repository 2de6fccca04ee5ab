"use client";

import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { BusyButton } from "@/components/busy-button";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { RecoveryCodeField } from "@/components/recovery-code-field";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { callApi, ceremonyMessage } from "@/app/_passkeys/browser";
import { ReauthWithProvider } from "./reauth-with-provider";
import { reauthenticateAction } from "./actions";
import { keptAction } from "@/lib/forms/kept-form";

type Proof = "password" | "code" | "recoveryCode";
const PROOFS: readonly Proof[] = ["password", "code", "recoveryCode"];
const SWITCH_LABELS: Record<Proof, string> = {
  password: "Use your password instead",
  code: "Use a code from your authenticator app instead",
  recoveryCode: "Use a recovery code instead",
};

export type ReauthFormProps = {
  totp?: boolean;
  /** Whether the account has a password (false: it is not offered; a code, a passkey or a provider is). */
  password?: boolean;
  /** Whether the account has a passkey; when not said, the form asks the API (GET /api/passkeys). */
  passkey?: boolean;
  /** Lets password managers pair the password with the account. */
  username?: string;
  /** Runs once the proof is accepted (the session is fresh again). */
  onConfirmed: () => void;
  /** Shown as a secondary button before "Confirm" (the dialog's way out). */
  onCancel?: () => void;
  /** Focus the first field on mount (in a dialog). */
  autoFocus?: boolean;
};

/**
 * The proof itself: the password (or, with two-factor on, an authenticator-app code or a recovery code; or
 * one of the account's passkeys), posted to reauthenticateAction. The inline prompt and the dialog both
 * wrap it. A wrong proof is said in the form; the fields keep nothing secret after it.
 */
export function ReauthForm({
  totp = false,
  password = true,
  passkey,
  username,
  onConfirmed,
  onCancel,
  autoFocus,
}: ReauthFormProps) {
  const [state, action] = useActionState(keptAction(reauthenticateAction), idle);
  // What can be typed: the password if there is one, the codes with two-factor on; none: only the buttons below.
  const typed = PROOFS.filter((p) => (p === "password" ? password : totp));
  const [proof, setProof] = useState<Proof | null>(typed[0] ?? null);
  const [hasPasskey, setHasPasskey] = useState(passkey ?? false);
  const [passkeyProblem, setPasskeyProblem] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [submitting, startSubmit] = useTransition();
  const confirmed = useRef(onConfirmed);
  useEffect(() => {
    confirmed.current = onConfirmed;
  });
  useEffect(() => {
    if (passkey !== undefined) return;
    void callApi<{ passkeys: unknown[] }>("GET", "/api/passkeys").then(
      (answer) => answer.ok && setHasPasskey(answer.data.passkeys.length > 0),
    );
  }, [passkey]);
  useEffect(() => {
    if (state.status === "success") confirmed.current();
  }, [state]);
  const confirmWithPasskey = async () => {
    setWaiting(true);
    setPasskeyProblem(null);
    const options = await callApi<PublicKeyCredentialRequestOptionsJSON>(
      "POST",
      "/api/sessions/current/reauthenticate/options",
    );
    if (!options.ok) {
      setPasskeyProblem(options.message);
      setWaiting(false);
      return;
    }
    try {
      const answer = await startAuthentication({ optionsJSON: options.data });
      const form = new FormData();
      form.set("passkey", JSON.stringify(answer));
      startSubmit(() => action(form));
    } catch (error) {
      setPasskeyProblem(ceremonyMessage(error, "get"));
    }
    setWaiting(false);
  };
  const e = state.fields ?? {};
  return (
    <>
      <form action={action} className="mt-4 space-y-4" noValidate>
        <FormMessage
          status={passkeyProblem ? "error" : state.status}
          message={passkeyProblem ?? state.fields?.passkey?.[0] ?? state.message}
        />
        {username && <input type="hidden" name="username" autoComplete="username" value={username} readOnly />}
        {proof === "code" ? (
          <Field
            key="code"
            label="Code from your authenticator app"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            required
            autoFocus={autoFocus}
            errors={e.code}
          />
        ) : proof === "recoveryCode" ? (
          <RecoveryCodeField key="recoveryCode" errors={e.recoveryCode} autoFocus={autoFocus} />
        ) : proof === null ? (
          <p className="text-sm text-slate-700">
            Your account has no password: confirm with {hasPasskey ? "a passkey or " : ""}the account you sign in with.
          </p>
        ) : (
          <Field
            key="password"
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            autoFocus={autoFocus}
            errors={e.password}
          />
        )}
        {typed.length > 1 && (
          <div className="flex flex-col items-start gap-2">
            {typed
              .filter((other) => other !== proof)
              .map((other) => (
                <button
                  key={other}
                  type="button"
                  onClick={() => setProof(other)}
                  className="text-left text-sm font-medium text-brand-700 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-100"
                >
                  {SWITCH_LABELS[other]}
                </button>
              ))}
          </div>
        )}
        <div className="flex flex-col gap-3 sm:flex-row sm:justify-end">
          {onCancel && (
            <button
              type="button"
              onClick={onCancel}
              className="inline-flex w-full items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 shadow-sm transition hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-100 sm:w-auto"
            >
              Cancel
            </button>
          )}
          {proof !== null && <SubmitButton pendingLabel="Checking…">Confirm</SubmitButton>}
        </div>
      </form>
      {hasPasskey && (
        <div className="mt-4 border-t border-slate-200 pt-4">
          <BusyButton
            variant="secondary"
            onClick={confirmWithPasskey}
            busy={waiting || submitting}
            busyLabel={submitting ? "Checking…" : "Waiting for your passkey…"}
          >
            Use a passkey instead
          </BusyButton>
        </div>
      )}
      <ReauthWithProvider />
    </>
  );
}
