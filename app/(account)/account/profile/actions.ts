"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { clientInfo } from "@/lib/http/client-info";
import { getCaller } from "@/lib/auth/caller";
import { formError, formFields, formValues, type FormState } from "@/lib/forms/state";
import { requestEmailChange } from "@/lib/email-change/request";
import { updateProfile } from "@/lib/users/update-profile";

const FIELDS = ["username", "displayName", "avatarUrl", "bio"] as const;

export async function updateProfileAction(_prev: FormState, form: FormData): Promise<FormState> {
  const caller = await getCaller();
  if (!caller) return { status: "error", message: "Your session has ended. Sign in again." };
  const values = formValues(form, FIELDS);
  const result = await updateProfile(caller.user.id, formFields(form, FIELDS));
  if (!result.ok) return formError(result.error, values);
  revalidatePath("/", "layout");
  const u = result.value;
  return {
    status: "success",
    message: "Your profile is saved.",
    values: { username: u.username, displayName: u.displayName ?? "", avatarUrl: u.avatarUrl ?? "", bio: u.bio ?? "" },
  };
}

export async function changeEmailAction(_prev: FormState, form: FormData): Promise<FormState> {
  const caller = await getCaller();
  if (!caller) return { status: "error", message: "Your session has ended. Sign in again." };
  const values = formValues(form, ["email"]);
  const result = await requestEmailChange(
    caller.user.id,
    formFields(form, ["email", "currentPassword"]),
    clientInfo(await headers()),
  );
  if (!result.ok) return formError(result.error, values);
  if (!result.value.pendingEmail) return { status: "success", message: "This is already your email address.", values };
  return {
    status: "success",
    message: `We sent a link to ${result.value.pendingEmail}. Your address changes when you follow it; until then it stays ${caller.user.email}.`,
    values,
  };
}
