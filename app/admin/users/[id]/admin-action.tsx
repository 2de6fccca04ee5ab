"use client";

import { startTransition, useActionState, useEffect, useId, useRef, type ReactNode } from "react";
import { BusyButton, type ButtonVariant } from "@/components/busy-button";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle, type FormState } from "@/lib/forms/state";
import { ReauthPrompt } from "@/app/_reauth/reauth-prompt";
import { keptAction } from "@/lib/forms/kept-form";

type Action = (previous: FormState, form: FormData) => Promise<FormState>;

/** What the confirmation dialog says before a dangerous action runs; `danger` makes its button red. */
export type Confirmation = { title: string; description: ReactNode; danger?: boolean };

/**
 * One console action as a form: hidden fields, optional inputs (`children`, given the form state for their
 * errors), a button. With `confirm`, the button only opens a dialog (a native modal <dialog>: Escape and
 * Cancel close it, focus stays inside) holding the inputs and, last, the same-named destructive button; the
 * dialog closes when the action succeeds or asks for re-authentication. A stale re-authentication is asked
 * for in place, and once given the action carries on by itself with what was sent.
 */
export function AdminAction({
  action,
  hidden,
  label,
  pendingLabel,
  variant = "secondary",
  confirm,
  children,
}: {
  action: Action;
  hidden: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  confirm?: Confirmation;
  children?: (state: FormState) => ReactNode;
}) {
  const [state, formAction] = useActionState(keptAction(action), idle);
  const dialog = useRef<HTMLDialogElement>(null);
  const sent = useRef<FormData | null>(null);
  const titleId = useId();
  const reauth = state.reason === "reauthentication_required";
  useEffect(() => {
    if (state.status === "success" || reauth) dialog.current?.close();
  }, [state, reauth]);
  const send = (form: FormData) => {
    sent.current = form;
    formAction(form);
  };
  const carryOn = () => {
    const form = sent.current;
    if (form) startTransition(() => formAction(form));
  };
  const fields = (
    <>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children?.(state)}
    </>
  );
  const message = !reauth && <FormMessage status={state.status} message={state.message} />;
  const prompt = reauth && (
    <ReauthPrompt description="Enter your password again; the action then goes on by itself." onConfirmed={carryOn} />
  );
  if (!confirm)
    return (
      <div className="space-y-3">
        <form action={send} className="space-y-3" noValidate>
          {fields}
          <SubmitButton variant={variant} pendingLabel={pendingLabel}>
            {label}
          </SubmitButton>
          {message}
        </form>
        {prompt}
      </div>
    );
  return (
    <div className="space-y-3">
      <BusyButton busy={false} busyLabel={pendingLabel} variant={variant} onClick={() => dialog.current?.showModal()}>
        {label}
      </BusyButton>
      {state.status === "success" && message}
      {prompt}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <form action={send} className="space-y-4 p-6" noValidate>
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {confirm.title}
          </h2>
          <div className="text-sm text-slate-600">{confirm.description}</div>
          {fields}
          {state.status === "error" && message}
          {/* One layout for every confirmation: Cancel (secondary) first, the dangerous action last. */}
          <div className="flex flex-col gap-3 sm:flex-row sm:justify-end">
            <BusyButton busy={false} busyLabel="" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </BusyButton>
            <SubmitButton
              variant={(confirm.danger ?? variant === "danger") ? "danger" : "primary"}
              pendingLabel={pendingLabel}
            >
              {label}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </div>
  );
}
