"use server";

import { revalidatePath } from "next/cache";
import { signedInFormAction } from "@/lib/forms/action";
import { requestEmailChange } from "@/lib/email-change/request";
import { updateProfile } from "@/lib/account/update-profile";

export const updateProfileAction = signedInFormAction(
  { fields: ["username", "displayName", "avatarUrl", "bio"] },
  async (input, { caller }) => {
    const result = await updateProfile(caller.user.id, input);
    if (!result.ok) return result;
    revalidatePath("/", "layout");
    const u = result.value;
    return {
      status: "success",
      message: "Your profile is saved.",
      values: {
        username: u.username,
        displayName: u.displayName ?? "",
        avatarUrl: u.avatarUrl ?? "",
        bio: u.bio ?? "",
      },
    };
  },
);

export const changeEmailAction = signedInFormAction(
  { fields: ["email", "currentPassword"] },
  async (input, { caller, client, values }) => {
    const result = await requestEmailChange(caller.user.id, input, client, caller.session);
    if (!result.ok) return result;
    if (!result.value.pendingEmail)
      return { status: "success", message: "This is already your email address.", values };
    return {
      status: "success",
      message: `We sent a link to ${result.value.pendingEmail}. Your address changes when you follow it; until then it stays ${caller.user.email}.`,
      values,
    };
  },
);
