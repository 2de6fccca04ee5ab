"use server";
/* eslint-disable @typescript-eslint/no-unused-vars -- useActionState hands every action (previous state, form data) */

import { revalidatePath } from "next/cache";
import { signedInAction } from "@/lib/forms/action";
import { formError, formText, type FormState } from "@/lib/forms/state";
import { withOtherSessions } from "@/lib/sessions/others";
import { confirmTotp, disableTotp, regenerateRecoveryCodes, startTotp } from "@/lib/two-factor/totp";

/**
 * A form state that may carry recovery codes, shown once by the panel, and how many other sessions are
 * still signed in (the panel offers to end them). `tone: "warning"` marks a success that took protection
 * away (two-factor turned off): said in amber, not in success green.
 */
export type TwoFactorState = FormState & { recoveryCodes?: string[]; otherSessions?: number; tone?: "warning" };

const answers = {
  signedOut: (message: string): TwoFactorState => ({ status: "error", message }),
  unavailable: (message: string): TwoFactorState => ({ status: "error", message }),
};

export const startTotpAction = signedInAction(
  answers,
  async ({ caller }, _previous: TwoFactorState, _form: FormData) => {
    const result = await startTotp(caller);
    if (!result.ok) return formError(result.error);
    revalidatePath("/account/security");
    return { status: "success", message: "Scan the QR code with your authenticator app." } as TwoFactorState;
  },
);

export const confirmTotpAction = signedInAction(
  answers,
  async ({ caller, client }, _previous: TwoFactorState, form: FormData): Promise<TwoFactorState> => {
    const result = await withOtherSessions(caller, await confirmTotp(caller, { code: formText(form, "code") }, client));
    if (!result.ok) return formError(result.error);
    revalidatePath("/account/security");
    return {
      status: "success",
      message: "Two-factor authentication is on. Save your recovery codes now: they are shown only this once.",
      ...result.value,
    };
  },
);

export const regenerateRecoveryCodesAction = signedInAction(
  answers,
  async ({ caller, client }, _previous: TwoFactorState, _form: FormData): Promise<TwoFactorState> => {
    const result = await withOtherSessions(caller, await regenerateRecoveryCodes(caller, client));
    if (!result.ok) return formError(result.error);
    revalidatePath("/account/security");
    return {
      status: "success",
      message: "New recovery codes: the old ones no longer work. Save these now; they are shown only this once.",
      ...result.value,
    };
  },
);

export const disableTotpAction = signedInAction(
  answers,
  async ({ caller, client }, _previous: TwoFactorState, _form: FormData): Promise<TwoFactorState> => {
    const result = await disableTotp(caller, client);
    if (!result.ok) return formError(result.error);
    revalidatePath("/account/security");
    return {
      status: "success",
      tone: "warning",
      message: "Two-factor authentication is off. Signing in now needs only your password.",
    };
  },
);
