"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { revokeOtherSessionsAction } from "./actions";
import { keptAction } from "@/lib/forms/kept-form";

/**
 * The offer shown where a new factor is confirmed (two-factor turned on, new recovery codes, a passkey
 * added): sessions opened before it, perhaps by someone who had only the password, stay signed in until
 * ended. "Sign out everywhere else" ends every other session of the account (browsers and API tokens)
 * and keeps this one: the same action as the button under "Access to your account".
 */
export function SignOutElsewhere({ others }: { others: number }) {
  const [state, action] = useActionState(keptAction(revokeOtherSessionsAction), idle);
  return (
    <div className="space-y-3">
      <FormMessage status={state.status} message={state.message} />
      {others > 0 && state.status !== "success" && (
        <div
          role="group"
          aria-label="Your other sessions"
          className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950"
        >
          <p>
            {others === 1 ? "1 other session is" : `${others} other sessions are`} still signed in to your account
            (browsers or API tokens). If you are not sure they are all yours, sign them out now; this one stays signed
            in.
          </p>
          <form action={action}>
            <SubmitButton variant="secondary" pendingLabel="Signing out…">
              Sign out everywhere else
            </SubmitButton>
          </form>
        </div>
      )}
    </div>
  );
}
