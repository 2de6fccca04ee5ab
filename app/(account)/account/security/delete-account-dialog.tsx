"use client";

import { useState } from "react";
import { BusyButton } from "@/components/busy-button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { idle, type FormState } from "@/lib/forms/state";
import { deleteAccountAction } from "./actions";
import { ReauthDialog } from "@/app/_reauth/reauth-dialog";
import { useReauthAction } from "@/app/_reauth/use-reauth-action";

/**
 * "Delete account" opens a dialog that asks for the password (the proof) and the username typed out (so
 * it is not done by a slip); the server checks both. Success signs out and leaves for the home page. An account
 * without a password is asked only for the username; without a recent proof, "Confirm it is you" opens over it
 * and the deletion carries on once confirmed.
 */
export function DeleteAccountDialog({
  username,
  hasPassword = true,
  totp = false,
}: {
  username: string;
  hasPassword?: boolean;
  totp?: boolean;
}) {
  const { shown: state, dispatch: action, reauth } = useReauthAction(deleteAccountAction, idle);
  // Open until cancelled; a refusal is said inside the dialog, which stays open for another try.
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState<FormState>(idle);
  const answer = state === opened ? idle : state;
  const e = answer.fields ?? {};
  return (
    <>
      <BusyButton
        variant="danger"
        busy={false}
        busyLabel=""
        onClick={() => {
          setOpened(state);
          setOpen(true);
        }}
      >
        Delete account
      </BusyButton>
      <ConfirmDialog
        open={open}
        onCancel={() => setOpen(false)}
        title="Delete your account?"
        confirmLabel="Delete my account"
        pendingLabel="Deleting…"
        action={action}
      >
        <p>
          Your account, your profile, your posts and every session end at once. This cannot be undone, and the username{" "}
          <strong className="font-semibold break-all text-slate-900">{username}</strong> becomes free for anyone.
        </p>
        <FormMessage status={answer.status} message={answer.fields ? undefined : answer.message} />
        <input type="hidden" autoComplete="username" value={username} readOnly />
        {hasPassword && (
          <Field
            label="Password"
            id="delete-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            errors={e.password}
          />
        )}
        <Field
          label={`Type your username, ${username}, to confirm`}
          id="delete-username"
          name="username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          errors={e.username}
        />
      </ConfirmDialog>
      <ReauthDialog {...reauth} password={hasPassword} totp={totp} username={username} />
    </>
  );
}
