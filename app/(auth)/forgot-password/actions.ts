"use server";

import { publicFormAction } from "@/lib/forms/action";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { forgotPasswordFormSchema } from "@/lib/password-reset/schemas";

/** The same answer for every address; the typed address comes back so "Check your inbox" can name it. */
export const forgotPasswordAction = publicFormAction(
  { fields: ["email"], schema: forgotPasswordFormSchema },
  async (input, { client, values }) => {
    const result = await requestPasswordReset(input, client);
    if (!result.ok) return result;
    return { status: "success", message: result.value.message, values };
  },
);
