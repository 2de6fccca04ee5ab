"use server";

import { secureAccount } from "@/lib/account/secure-account";
import { publicFormAction } from "@/lib/forms/action";
import { formText } from "@/lib/forms/state";

/** The button on /secure-account: signs out everywhere and mails a reset link (opening the page does nothing). */
export const secureAccountAction = publicFormAction({ fields: [] }, async (_input, { client, form }) => {
  // The token is read here rather than listed in `fields`, so it never comes back in the form state.
  const result = await secureAccount(formText(form, "token"), client);
  if (!result.ok) return result;
  return { status: "success", message: result.value.message };
});
