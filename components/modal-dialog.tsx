"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A native modal `<dialog>` driven by `open`: showModal() puts it in the top layer, makes the rest of the
 * page inert and moves focus to its first control (or the one with autoFocus); Escape asks `onCancel`;
 * on closing, focus goes back to the control that had it when the dialog opened (or to `returnFocus`).
 * Its content is mounted only while open, so a field never keeps what was typed the last time.
 * The one frame of ConfirmDialog and the re-authentication dialog.
 */
export function ModalDialog({
  open,
  onCancel,
  labelledBy,
  describedBy,
  returnFocus,
  children,
}: {
  open: boolean;
  onCancel: () => void;
  /** The id of the dialog's title. */
  labelledBy: string;
  describedBy?: string;
  /** Where focus goes on closing when the control that opened the dialog is gone or was not focused. */
  returnFocus?: () => HTMLElement | null | undefined;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const cancel = useRef(onCancel);
  const back = useRef(returnFocus);
  useEffect(() => {
    cancel.current = onCancel;
    back.current = returnFocus;
  });
  const shown = useRef(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !shown.current) {
      shown.current = true;
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      if (!dialog.open) dialog.showModal();
    } else if (!open && shown.current) {
      shown.current = false;
      if (dialog.open) dialog.close();
      const target = opener.current?.isConnected ? opener.current : back.current?.();
      opener.current = null;
      target?.focus();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      // Escape: the browser would close it behind React's back; the owner decides instead.
      onCancel={(event) => {
        event.preventDefault();
        cancel.current();
      }}
      // Closed anyway (a browser may close after repeated Escapes): tell the owner.
      onClose={() => {
        if (open) cancel.current();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      {open && <div className="p-6 sm:p-7">{children}</div>}
    </dialog>
  );
}
