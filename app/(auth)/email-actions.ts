"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { clientInfo } from "@/lib/http/client-info";
import { redirect } from "next/navigation";
import { getCaller } from "@/lib/auth/caller";
import { newPasswordMismatch } from "@/lib/forms/password-confirmation";
import { formError, formValues, type FormState, formText } from "@/lib/forms/state";
import { confirmPasswordReset } from "@/lib/password-reset/confirm";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { confirmEmail } from "@/lib/verification/confirm";
import { sendVerification } from "@/lib/verification/send";

export async function confirmEmailAction(_prev: FormState, form: FormData): Promise<FormState> {
  const caller = await getCaller();
  const result = await confirmEmail(
    formText(form, "token"),
    clientInfo(await headers()),
    caller && { userId: caller.user.id, sessionId: caller.session.id },
  );
  if (!result.ok) return { status: "error", message: result.error.message };
  revalidatePath("/", "layout");
  return {
    status: "success",
    message: result.value.changed
      ? `Your email address is now ${result.value.email}.`
      : `Thank you: ${result.value.email} is confirmed.`,
  };
}

export async function resendVerificationAction(): Promise<FormState> {
  const caller = await getCaller();
  if (!caller) return { status: "error", message: "Sign in to get a new link." };
  const result = await sendVerification(caller.user.id);
  if (!result.ok) return { status: "error", message: result.error.message };
  return {
    status: "success",
    message: result.value.sent
      ? `We sent a new link to ${caller.user.email}.`
      : "Your email address is already confirmed.",
  };
}

export async function forgotPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["email"]);
  if (!formText(form, "email").trim()) {
    return {
      status: "error",
      message: "Enter your email address.",
      fields: { email: ["Enter your email address."] },
      values,
    };
  }
  const result = await requestPasswordReset({ email: formText(form, "email") }, clientInfo(await headers()));
  if (!result.ok) return formError(result.error, values);
  return { status: "success", message: result.value.message };
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const mismatch = newPasswordMismatch(form);
  if (mismatch) return mismatch;
  const result = await confirmPasswordReset(
    { token: formText(form, "token"), newPassword: formText(form, "newPassword") },
    clientInfo(await headers()),
  );
  if (!result.ok) {
    const state = formError(result.error);
    return result.error.fields?.token ? { ...state, message: result.error.message, fields: {} } : state;
  }
  redirect("/sign-in?reset=1");
}
