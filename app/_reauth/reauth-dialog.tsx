"use client";

import { useId } from "react";
import { ModalDialog } from "@/components/modal-dialog";
import { ReauthForm, type ReauthFormProps } from "./reauth-form";

/**
 * "Confirm it is you" as a modal dialog, opened when a sensitive action was refused for want of a recent
 * proof (useReauthAction opens it and, on `onConfirmed`, sends the action again with the same values).
 * Focus moves to the first field; Escape or Cancel closes it without changing anything.
 */
export function ReauthDialog({
  open,
  onCancel,
  returnFocus,
  description,
  ...form
}: Omit<ReauthFormProps, "onCancel" | "autoFocus"> & {
  open: boolean;
  onCancel: () => void;
  returnFocus?: () => HTMLElement | null;
  description?: string;
}) {
  description ??=
    form.password === false
      ? "For your security, confirm it is you again. Then we carry on with what you asked."
      : "For your security, enter your password again. Then we carry on with what you asked.";
  const titleId = useId();
  const bodyId = useId();
  return (
    <ModalDialog open={open} onCancel={onCancel} returnFocus={returnFocus} labelledBy={titleId} describedBy={bodyId}>
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">
        Confirm it is you
      </h2>
      <p id={bodyId} className="mt-1 text-sm text-slate-700">
        {description}
      </p>
      <ReauthForm {...form} onCancel={onCancel} autoFocus />
    </ModalDialog>
  );
}
