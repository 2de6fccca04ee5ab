"use client";

import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId, useState, useTransition } from "react";
import { BusyButton } from "@/components/busy-button";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { RecoveryCodeField } from "@/components/recovery-code-field";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { callApi, ceremonyMessage } from "@/app/_passkeys/browser";
import { reauthenticateAction } from "./actions";

type Proof = "password" | "code" | "recoveryCode";
const PROOFS: readonly Proof[] = ["password", "code", "recoveryCode"];
const SWITCH_LABELS: Record<Proof, string> = {
  password: "Use your password instead",
  code: "Use a code from your authenticator app instead",
  recoveryCode: "Use a recovery code instead",
};

/**
 * Asks for the password (or, with two-factor on, an authenticator-app code or a recovery code; or one of
 * the account's passkeys) in place, then carries on:
 * `onConfirmed` runs (default: refresh the page, whose server components then see a fresh session).
 * Show it where a sensitive change is (ReauthGate) or when a form's state has
 * `reason === "reauthentication_required"`.
 */
export function ReauthPrompt({
  totp = false,
  username,
  title = "Confirm it is you",
  description = "For your security, enter your password again before making this change.",
  onConfirmed,
  passkey,
  headingLevel = 3,
}: {
  /** The title's heading level: 3 inside a page's section (the default), 2 where the page has no sections. */
  headingLevel?: 2 | 3;
  totp?: boolean;
  /** Whether the account has a passkey; when not said, the prompt asks the API (GET /api/passkeys). */
  passkey?: boolean;
  /** Lets password managers pair the password with the account. */
  username?: string;
  title?: string;
  description?: string;
  onConfirmed?: () => void;
}) {
  const router = useRouter();
  const [state, action] = useActionState(reauthenticateAction, idle);
  const [proof, setProof] = useState<Proof>("password");
  const [hasPasskey, setHasPasskey] = useState(passkey ?? false);
  const [passkeyProblem, setPasskeyProblem] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [submitting, startSubmit] = useTransition();
  const headingId = useId();
  useEffect(() => {
    if (passkey !== undefined) return;
    void callApi<{ passkeys: unknown[] }>("GET", "/api/passkeys").then(
      (answer) => answer.ok && setHasPasskey(answer.data.passkeys.length > 0),
    );
  }, [passkey]);
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
  useEffect(() => {
    if (state.status !== "success") return;
    if (onConfirmed) onConfirmed();
    else router.refresh();
  }, [state, onConfirmed, router]);
  const e = state.fields ?? {};
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-amber-200 bg-amber-50/60 p-4 sm:p-5">
      <Heading id={headingId} className="text-sm font-semibold text-slate-900">
        {title}
      </Heading>
      <p className="mt-1 text-sm text-slate-700">{description}</p>
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
            errors={e.code}
          />
        ) : proof === "recoveryCode" ? (
          <RecoveryCodeField key="recoveryCode" errors={e.recoveryCode} />
        ) : (
          <Field
            key="password"
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            errors={e.password}
          />
        )}
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-end sm:justify-between">
          {totp ? (
            <div className="flex flex-col items-start gap-2">
              {PROOFS.filter((other) => other !== proof).map((other) => (
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
          ) : (
            <span />
          )}
          <SubmitButton pendingLabel="Checking…">Confirm</SubmitButton>
        </div>
      </form>
      {hasPasskey && (
        <div className="mt-4 border-t border-amber-200 pt-4">
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
    </section>
  );
}
