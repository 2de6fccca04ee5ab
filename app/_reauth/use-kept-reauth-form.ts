"use client";

import { startTransition, useCallback, useRef, useState, type FormEvent } from "react";
import { useKeptForm } from "@/lib/forms/kept-form";
import { idle, type FormState } from "@/lib/forms/state";
import type { ReauthAsk } from "./use-reauth-action";

/**
 * useKeptForm (what was typed stays; field errors; focus) for a form whose action may answer
 * `reason: "reauthentication_required"` — the forms of an account without a password, where a fresh proof stands
 * in for the current password. That answer opens `reauth` (hand it to a ReauthDialog) instead of being shown;
 * once the proof is accepted the same FormData is sent again by itself. Cancelling leaves everything as it was.
 */
export function useKeptReauthForm(action: (previous: FormState, form: FormData) => Promise<FormState>) {
  const kept = useKeptForm(action);
  const last = useRef<FormData>(new FormData());
  const [answered, setAnswered] = useState<FormState | null>(null);
  const missingProof = kept.state.reason === "reauthentication_required";
  const { action: dispatch, onSubmit } = kept.formProps;
  const onConfirmed = useCallback(() => {
    setAnswered(kept.state);
    startTransition(() => dispatch(last.current));
  }, [kept.state, dispatch]);
  const onCancel = useCallback(() => setAnswered(kept.state), [kept.state]);
  const reauth: ReauthAsk = { open: missingProof && answered !== kept.state, onConfirmed, onCancel };
  const formProps = {
    ...kept.formProps,
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      last.current = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
      onSubmit(event);
    },
  };
  return { ...kept, state: missingProof ? idle : kept.state, formProps, reauth };
}
