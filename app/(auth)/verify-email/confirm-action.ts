"use server";

import { revalidatePath } from "next/cache";
import { publicFormAction } from "@/lib/forms/action";
import { formText } from "@/lib/forms/state";
import { confirmEmail } from "@/lib/verification/confirm";

/** The button on /verify-email: spends the link's token (opening the page does not). */
export const confirmEmailAction = publicFormAction({ fields: [] }, async (_input, { client, form }) => {
  // The token is read here rather than listed in `fields`, so it never comes back in the form state.
  const result = await confirmEmail(formText(form, "token"), client);
  if (!result.ok) return { status: "error", message: result.error.message };
  revalidatePath("/", "layout");
  return {
    status: "success",
    message: result.value.changed
      ? `Your email address is now ${result.value.email}.`
      : `Thank you: ${result.value.email} is confirmed.`,
  };
});
