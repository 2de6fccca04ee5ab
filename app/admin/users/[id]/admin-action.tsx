"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { idle, type FormState } from "@/lib/forms/state";
import { ReauthPrompt } from "@/app/_reauth/reauth-prompt";

type Action = (previous: FormState, form: FormData) => Promise<FormState>;

/**
 * One console action as a form: hidden fields, optional inputs (`children`, given the form state for
 * their errors), a button. A stale re-authentication is asked for in place, then the form can be sent again.
 */
export function AdminAction({
  action,
  hidden,
  label,
  pendingLabel,
  variant = "secondary",
  children,
}: {
  action: Action;
  hidden: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  children?: (state: FormState) => React.ReactNode;
}) {
  const [state, formAction] = useActionState(action, idle);
  return (
    <div className="space-y-3">
      <form action={formAction} className="space-y-3" noValidate>
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children?.(state)}
        <SubmitButton variant={variant} pendingLabel={pendingLabel}>
          {label}
        </SubmitButton>
        {state.reason !== "reauthentication_required" && <FormMessage status={state.status} message={state.message} />}
      </form>
      {state.reason === "reauthentication_required" && (
        <ReauthPrompt description="Enter your password again, then repeat the action." />
      )}
    </div>
  );
}
