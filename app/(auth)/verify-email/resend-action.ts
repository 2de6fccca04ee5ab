"use server";

import { formAnswers, signedInAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { sendVerification } from "@/lib/verification/send";

/** "Resend link" (on /verify-email and in the account pages' banner): a new link to the caller's own address. */
export const resendVerificationAction = signedInAction(
  { ...formAnswers, signedOut: (): FormState => ({ status: "error", message: "Sign in to get a new link." }) },
  async ({ caller }): Promise<FormState> => {
    const result = await sendVerification(caller.user.id);
    if (!result.ok) return { status: "error", message: result.error.message };
    return {
      status: "success",
      message: result.value.sent
        ? `We sent a new link to ${caller.user.email}.`
        : "Your email address is already confirmed.",
    };
  },
);
