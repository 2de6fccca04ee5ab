"use client";

import { useState } from "react";
import { BusyButton } from "@/components/busy-button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { idle, type FormState } from "@/lib/forms/state";
import { ReauthDialog } from "@/app/_reauth/reauth-dialog";
import { useReauthAction } from "@/app/_reauth/use-reauth-action";
import { deleteOrganizationAction, renameOrganizationAction } from "./actions";

/** "Rename": the organization's name (its address stays). */
export function RenameForm({ slug, name }: { slug: string; name: string }) {
  const { state, errors, formProps } = useKeptForm(renameOrganizationAction);
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="slug" value={slug} />
      <Field
        label="Name"
        name="name"
        required
        maxLength={100}
        autoComplete="organization"
        defaultValue={state.values?.name ?? name}
        errors={errors("name")}
      />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Rename</SubmitButton>
      </div>
    </form>
  );
}

/**
 * "Delete organization": a dialog asking for the slug typed out; without a recent proof, "Confirm it is you"
 * opens over it and the deletion carries on once confirmed. Success goes back to the list.
 */
export function DeleteOrganization({
  slug,
  username,
  hasPassword,
  totp,
}: {
  slug: string;
  username: string;
  hasPassword: boolean;
  totp: boolean;
}) {
  const { shown: state, dispatch: action, reauth } = useReauthAction(deleteOrganizationAction, idle);
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState<FormState>(idle);
  const answer = state === opened ? idle : state;
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
        Delete organization
      </BusyButton>
      <ConfirmDialog
        open={open}
        onCancel={() => setOpen(false)}
        title="Delete this organization?"
        confirmLabel="Delete organization"
        pendingLabel="Deleting…"
        action={action}
      >
        <p>
          Its members, pending invitations and posts go with it. This cannot be undone, and the address{" "}
          <strong className="font-semibold break-all text-slate-900">{slug}</strong> becomes free for anyone.
        </p>
        <FormMessage status={answer.status} message={answer.fields ? undefined : answer.message} />
        <input type="hidden" name="slug" value={slug} />
        <Field
          label={`Type its address, ${slug}, to confirm`}
          id="delete-confirm"
          name="confirm"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          errors={answer.fields?.confirm}
        />
      </ConfirmDialog>
      <ReauthDialog {...reauth} password={hasPassword} totp={totp} username={username} />
    </>
  );
}
