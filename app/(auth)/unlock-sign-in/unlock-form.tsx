"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { unlockSignInAction } from "./actions";

/** Opening the link changes nothing (mail scanners prefetch links): the person presses the button. */
export function UnlockForm({ token }: { token: string }) {
  const [state, unlock] = useActionState(unlockSignInAction, idle);
  if (state.status === "success" || state.status === "error") {
    return (
      <div className="space-y-5">
        <FormMessage status={state.status} message={state.message} />
        <Link
          href={state.status === "success" ? "/sign-in" : "/forgot-password"}
          className="font-medium text-brand-700 hover:underline"
        >
          {state.status === "success" ? "Sign in" : "Reset your password instead"}
        </Link>
      </div>
    );
  }
  return (
    <form action={unlock} className="space-y-5">
      <p className="text-sm text-slate-600">
        If the wrong passwords were yours, lift the pause now. If they were not, your password held; you may still want
        to choose a new one.
      </p>
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Unlocking…">Unlock sign-in</SubmitButton>
    </form>
  );
}
