"use client";

import Link from "next/link";
import { FormMessage } from "@/components/form-message";
import { NewPasswordFields } from "@/components/new-password-fields";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { resetPasswordAction } from "./actions";

/** Both passwords stay typed after a failed submit, and every problem is said at once (lib/forms/kept-form.ts). */
export function ResetPasswordForm({ token }: { token: string }) {
  const { state, errors, formProps } = useKeptForm(resetPasswordAction);
  const fields = { newPassword: errors("newPassword"), confirmPassword: errors("confirmPassword") };
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage status={state.status} message={state.message} />
      {state.fields?.token && (
        <p className="text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
            Ask for a new link
          </Link>
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields errors={fields} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Set new password</SubmitButton>
      </div>
    </form>
  );
}
