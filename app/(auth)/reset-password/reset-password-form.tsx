"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, idle);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage status={state.status} message={state.message} />
      {state.status === "error" && !state.fields?.newPassword && !state.fields?.confirmPassword && (
        <p className="text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
            Ask for a new link
          </Link>
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields errors={state.fields} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Set new password</SubmitButton>
      </div>
    </form>
  );
}
