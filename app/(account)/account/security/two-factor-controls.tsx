"use client";

import { useState } from "react";
import { BusyButton } from "@/components/busy-button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { ReauthDialog } from "@/app/_reauth/reauth-dialog";
import { useReauthAction } from "@/app/_reauth/use-reauth-action";
import { RecoveryCodes } from "./recovery-codes";
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
  /** Whether the account has a password (what "Confirm it is you" offers). */
  hasPassword?: boolean;
  username: string;
};

const initial: TwoFactorState = idle;

/**
 * Set up, confirm, new recovery codes, turn off. Each action starts when asked: if the re-authentication
 * window has passed, the server's refusal opens "Confirm it is you" in a dialog and the action then goes
 * on by itself. Turning off and new codes are confirmed first (ConfirmDialog); freshly made codes stay on
 * screen until "I've saved these codes".
 */
export function TwoFactorControls({ mode, pending, totp, hasPassword = true, username }: Props) {
  const start = useReauthAction(startTotpAction, initial);
  const confirm = useReauthAction(confirmTotpAction, initial);
  const renew = useReauthAction(regenerateRecoveryCodesAction, initial);
  const off = useReauthAction(disableTotpAction, initial);
  // A confirmation is open while the action's state is the one it was opened on: its answer closes it.
  const [offAsked, setOffAsked] = useState<TwoFactorState | null>(null);
  const [renewAsked, setRenewAsked] = useState<TwoFactorState | null>(null);
  const [saved, setSaved] = useState<readonly string[][]>([]);
  const fresh = [renew.state, confirm.state].find((s) => s.recoveryCodes && !saved.includes(s.recoveryCodes));

  const dialogs = (
    <>
      <ConfirmDialog
        open={offAsked !== null && offAsked === off.state}
        onCancel={() => setOffAsked(null)}
        title="Turn off two-factor?"
        confirmLabel="Turn off two-factor"
        pendingLabel="Turning off…"
        action={off.dispatch}
      >
        <p>
          Signing in will need only your password again, and your recovery codes stop working. We will email you about
          the change.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={renewAsked !== null && renewAsked === renew.state}
        onCancel={() => setRenewAsked(null)}
        title="Make new recovery codes?"
        confirmLabel="Make new codes"
        pendingLabel="Making codes…"
        tone="primary"
        action={renew.dispatch}
      >
        <p>
          Your current recovery codes stop working as soon as the new ones are made. The new ones are shown only once:
          have somewhere safe ready to keep them.
        </p>
      </ConfirmDialog>
      {[start, confirm, renew, off].map((step, i) => (
        <ReauthDialog
          key={i}
          {...step.reauth}
          totp={totp}
          password={hasPassword}
          username={username}
          description={
            step === off
              ? "Turning off two-factor needs your password again. Then it is turned off."
              : step === renew
                ? "New recovery codes need your password again. Then they are made."
                : "Setting up two-factor needs your password again. Then the set-up carries on."
          }
        />
      ))}
    </>
  );

  if (fresh?.recoveryCodes)
    return (
      <>
        <RecoveryCodes
          codes={fresh.recoveryCodes}
          message={fresh.message}
          otherSessions={fresh.otherSessions ?? 0}
          onSaved={() => setSaved((list) => [...list, fresh.recoveryCodes!])}
        />
        {dialogs}
      </>
    );

  if (mode === "off")
    return (
      <div>
        <form action={start.dispatch} className="space-y-4">
          <Said state={start.shown.status !== "idle" ? start.shown : off.shown} />
          <p className="text-sm text-slate-700">
            You need an authenticator app on your phone, such as 2FAS, Aegis, Google Authenticator or 1Password.
          </p>
          <SubmitButton pendingLabel="Preparing…">Set up two-factor</SubmitButton>
        </form>
        {dialogs}
      </div>
    );

  if (mode === "pending" && pending)
    return (
      <div className="space-y-5">
        <TotpSetupKey {...pending} />
        <form action={confirm.dispatch} className="space-y-4" noValidate>
          <Said state={confirm.shown} />
          <Field
            label="Code from the app"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            required
            errors={confirm.shown.fields?.code}
          />
          <div className="flex justify-end">
            <SubmitButton pendingLabel="Checking…">Turn on two-factor</SubmitButton>
          </div>
        </form>
        {dialogs}
      </div>
    );

  return (
    <div className="space-y-4">
      <Said state={renew.shown.status !== "idle" ? renew.shown : off.shown} />
      <div className="flex flex-col gap-3 sm:flex-row sm:justify-between">
        <BusyButton
          variant="secondary"
          busy={renew.pending}
          busyLabel="Making codes…"
          onClick={() => setRenewAsked(renew.state)}
        >
          New recovery codes
        </BusyButton>
        <BusyButton variant="danger" busy={off.pending} busyLabel="Turning off…" onClick={() => setOffAsked(off.state)}>
          Turn off
        </BusyButton>
      </div>
      {dialogs}
    </div>
  );
}

/** The form's answer; a change that took protection away is said in amber (a warning), not in success green. */
function Said({ state }: { state: TwoFactorState }) {
  if (state.tone !== "warning" || state.status !== "success")
    return <FormMessage status={state.status} message={state.message} />;
  return (
    <div aria-live="polite" role="status">
      <p
        data-tone="warning"
        className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      >
        {state.message}
      </p>
    </div>
  );
}
