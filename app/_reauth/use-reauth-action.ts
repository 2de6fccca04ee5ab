"use client";

import { startTransition, useActionState, useCallback, useRef, useState } from "react";
import { keptAction } from "@/lib/forms/kept-form";
import type { FormState } from "@/lib/forms/state";

type Action<S> = (previous: S, form: FormData) => Promise<S>;

/** What a ReauthDialog needs: whether to show, and what confirming and cancelling do. */
export type ReauthAsk = {
  open: boolean;
  onConfirmed: () => void;
  onCancel: () => void;
  /** Where focus goes when the dialog closes, if the control that started the action lost it meanwhile. */
  returnFocus?: () => HTMLElement | null;
};

/** The control that has focus now, outside any dialog (a submit button loses focus while disabled as busy). */
function focusedOutsideDialogs(): HTMLElement | null {
  const active = typeof document === "undefined" ? null : document.activeElement;
  return active instanceof HTMLElement && active !== document.body && !active.closest("dialog") ? active : null;
}

/**
 * useActionState for a sensitive action that may answer `reason: "reauthentication_required"`
 * (lib/security/recent-auth.ts#requireRecentAuth): the answer opens `reauth` (hand it to a ReauthDialog)
 * instead of being shown, and once the proof is accepted the action is sent again, with the FormData it
 * was sent with, by itself. Cancelling leaves everything as it was.
 *
 * `state` is the last answer; `shown` is what the form should say (nothing while only a proof was missing).
 */
export function useReauthAction<S extends FormState>(action: Action<S>, initial: S) {
  const last = useRef<FormData>(new FormData());
  const origin = useRef<HTMLElement | null>(null);
  const [state, dispatch, pending] = useActionState(async (previous: S, form: FormData): Promise<S> => {
    last.current = form;
    origin.current = focusedOutsideDialogs() ?? origin.current;
    // A dropped connection is said in the form (lib/forms/kept-form.ts), not on the error page.
    return keptAction(action)(previous, form);
  }, initial as Awaited<S>);
  // The refusal already answered (by a proof or by Cancel): it does not open the dialog again.
  const [answered, setAnswered] = useState<S | null>(null);
  const missingProof = state.reason === "reauthentication_required";
  const onConfirmed = useCallback(() => {
    setAnswered(state);
    startTransition(() => dispatch(last.current));
  }, [state, dispatch]);
  const onCancel = useCallback(() => setAnswered(state), [state]);
  const reauth: ReauthAsk = {
    open: missingProof && answered !== state,
    onConfirmed,
    onCancel,
    returnFocus: () => origin.current,
  };
  return { state, shown: missingProof ? initial : state, dispatch, pending, reauth };
}

/**
 * The same for steps that are not one server action (the passkey API calls): `ask(retry)` opens the
 * dialog, and a confirmed proof runs `retry` (the step again, as it was asked).
 */
export function useReauthRetry() {
  const [retry, setRetry] = useState<(() => void) | null>(null);
  const ask = useCallback((again: () => void) => setRetry(() => again), []);
  const reauth: ReauthAsk = {
    open: retry !== null,
    onConfirmed: () => {
      const again = retry;
      setRetry(null);
      again?.();
    },
    onCancel: () => setRetry(null),
  };
  return { ask, reauth };
}
