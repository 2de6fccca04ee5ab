"use client";

import { useId, type ReactNode } from "react";
import { ModalDialog } from "./modal-dialog";
import { SubmitButton } from "./submit-button";

/**
 * The one layout of every confirmation: a modal `<dialog>` with a title, a body (what will happen, and any
 * fields the step needs), then the buttons — Cancel (secondary) first, the action last. The body and the
 * buttons are one form: `action` runs as its action (so the confirm button shows `pendingLabel` meanwhile,
 * and Enter in a field confirms). The owner closes it (`open`) when the action has answered; Escape and
 * Cancel call `onCancel`, and focus returns to the control that opened it.
 */
export function ConfirmDialog({
  open,
  onCancel,
  title,
  children,
  confirmLabel,
  pendingLabel,
  action,
  tone = "danger",
  cancelLabel = "Cancel",
}: {
  open: boolean;
  onCancel: () => void;
  title: string;
  /** What confirming does, in words; fields, if the step needs any; the form's message. */
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  action: (form: FormData) => void | Promise<void>;
  /** "danger" for what cannot be undone or takes something away; "primary" otherwise. */
  tone?: "danger" | "primary";
  cancelLabel?: string;
}) {
  const titleId = useId();
  const bodyId = useId();
  return (
    <ModalDialog open={open} onCancel={onCancel} labelledBy={titleId} describedBy={bodyId}>
      <form action={action} noValidate>
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <div id={bodyId} className="mt-2 space-y-4 text-sm text-slate-700">
          {children}
        </div>
        <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:justify-end">
          <button
            type="button"
            onClick={onCancel}
            className="inline-flex w-full items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 shadow-sm transition hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-100 sm:w-auto"
          >
            {cancelLabel}
          </button>
          <SubmitButton variant={tone} pendingLabel={pendingLabel}>
            {confirmLabel}
          </SubmitButton>
        </div>
      </form>
    </ModalDialog>
  );
}
