"use server";

import { redirect } from "next/navigation";
import { publicFormAction } from "@/lib/forms/action";
import { confirmationProblems } from "@/lib/forms/password-confirmation";
import { formText } from "@/lib/forms/state";
import { confirmPasswordReset } from "@/lib/password-reset/confirm";

export const resetPasswordAction = publicFormAction(
  // No fields listed: nothing typed here (a token, a password) goes back into the form state.
  { fields: [] },
  async (_input, { client, form }) => {
    const result = await confirmPasswordReset(
      { token: formText(form, "token"), newPassword: formText(form, "newPassword") },
      client,
      confirmationProblems(form),
    );
    // A dead link is said in the summary (there is no token field to show it beside); `fields.token` tells
    // the form to offer a new link.
    if (!result.ok && result.error.fields?.token)
      return { status: "error", message: result.error.message, fields: { token: result.error.fields.token } };
    if (!result.ok) return result;
    redirect("/sign-in?reset=1");
  },
);
