"use server";

import { revalidatePath } from "next/cache";
import { cancelEmailChange, resendEmailChange } from "@/lib/email-change/pending";
import { formAnswers, signedInAction } from "@/lib/forms/action";
import { formError, type FormState } from "@/lib/forms/state";

/** "Resend link" on the overview's pending email change: a fresh link to the address already asked for. */
export const resendEmailChangeAction = signedInAction(formAnswers, async ({ caller, client }): Promise<FormState> => {
  const result = await resendEmailChange(caller.user.id, client);
  if (!result.ok) return formError(result.error);
  revalidatePath("/account");
  return { status: "success", message: `We sent a new link to ${result.value.email}.` };
});

/** "Cancel change": the pending link stops working; the account keeps its address. */
export const cancelEmailChangeAction = signedInAction(formAnswers, async ({ caller }): Promise<FormState> => {
  const result = await cancelEmailChange(caller.user.id);
  if (!result.ok) return formError(result.error);
  revalidatePath("/account");
  return { status: "success", message: "The email change is cancelled. Its link no longer works." };
});
