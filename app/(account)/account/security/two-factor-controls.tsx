"use client";

import { useActionState, useId, useState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { ReauthPrompt } from "@/app/_reauth/reauth-prompt";
import { SignOutElsewhere } from "./sign-out-elsewhere";
import { TotpSetupKey } from "./totp-setup-key";
import {
  confirmTotpAction,
  disableTotpAction,
  regenerateRecoveryCodesAction,
  startTotpAction,
  type TwoFactorState,
} from "./two-factor-actions";

type Props = {
  mode: "off" | "pending" | "on";
  pending: { secret: string; qr: string; uri: string } | null;
  totp: boolean;
  username: string;
};

const initial: TwoFactorState = idle;

export function TwoFactorControls({ mode, pending, totp, username }: Props) {
  const [started, start] = useActionState(startTotpAction, initial);
  const [confirmed, confirm] = useActionState(confirmTotpAction, initial);
  const [renewed, renew] = useActionState(regenerateRecoveryCodesAction, initial);
  const [disabled, disable] = useActionState(disableTotpAction, initial);
  const [reauthDone, setReauthDone] = useState(0);
  const states = [started, confirmed, renewed, disabled];
  const codes = confirmed.recoveryCodes ?? renewed.recoveryCodes;
  // The window ran out while the page was open: ask in place, then the person tries again.
  const needsReauth = states.some((s) => s.reason === "reauthentication_required") && reauthDone === 0;

  if (needsReauth)
    return <ReauthPrompt totp={totp} username={username} onConfirmed={() => setReauthDone((n) => n + 1)} />;

  if (codes) {
    const shown = confirmed.recoveryCodes ? confirmed : renewed;
    return <RecoveryCodes codes={codes} message={shown.message} otherSessions={shown.otherSessions ?? 0} />;
  }

  if (mode === "off")
    return (
      <form action={start} className="space-y-4">
        <FormMessage
          status={started.status !== "idle" ? started.status : disabled.status}
          message={started.message ?? disabled.message}
        />
        <p className="text-sm text-slate-700">
          You need an authenticator app on your phone, such as 2FAS, Aegis, Google Authenticator or 1Password.
        </p>
        <SubmitButton pendingLabel="Preparing…">Set up</SubmitButton>
      </form>
    );

  if (mode === "pending" && pending)
    return (
      <div className="space-y-5">
        <TotpSetupKey {...pending} />
        <form action={confirm} className="space-y-4" noValidate>
          <FormMessage status={confirmed.status} message={confirmed.message} />
          <Field
            label="Code from the app"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            required
            errors={confirmed.fields?.code}
          />
          <div className="flex justify-end">
            <SubmitButton pendingLabel="Checking…">Turn on two-factor</SubmitButton>
          </div>
        </form>
      </div>
    );

  return (
    <div className="space-y-4">
      <FormMessage
        status={renewed.status !== "idle" ? renewed.status : disabled.status}
        message={renewed.message ?? disabled.message}
      />
      <div className="flex flex-col gap-3 sm:flex-row sm:justify-between">
        <form action={renew}>
          <SubmitButton pendingLabel="Making codes…" variant="secondary">
            New recovery codes
          </SubmitButton>
        </form>
        <form action={disable}>
          <SubmitButton pendingLabel="Turning off…" variant="danger">
            Turn off
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}

function RecoveryCodes({
  codes,
  message,
  otherSessions,
}: {
  codes: string[];
  message?: string;
  otherSessions: number;
}) {
  const [copied, setCopied] = useState(false);
  const listId = useId();
  const text = `Recovery codes for your Accounts account. Each works once.\n\n${codes.join("\n")}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "recovery-codes.txt";
    a.click();
    URL.revokeObjectURL(url);
  };
  const copy = async () => {
    await navigator.clipboard.writeText(codes.join("\n"));
    setCopied(true);
  };
  const button =
    "inline-flex w-full items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-100 sm:w-auto";
  return (
    <div className="space-y-4">
      <FormMessage status="success" message={message} />
      <ul
        id={listId}
        aria-label="Recovery codes"
        data-testid="recovery-codes"
        className="grid grid-cols-1 gap-2 rounded-lg border border-slate-200 bg-slate-50 p-4 font-mono text-sm text-slate-900 min-[400px]:grid-cols-2"
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="flex flex-col gap-3 sm:flex-row">
        <button type="button" onClick={copy} className={button} aria-describedby={listId}>
          {copied ? "Copied" : "Copy codes"}
        </button>
        <button type="button" onClick={download} className={button}>
          Download as text
        </button>
      </div>
      <p className="text-sm text-slate-600" role="status" aria-live="polite">
        {copied ? "The codes are on your clipboard." : ""}
      </p>
      <SignOutElsewhere others={otherSessions} />
    </div>
  );
}
