"use server";

import { unlockSignIn } from "@/lib/auth/lockout";
import { publicFormAction } from "@/lib/forms/action";
import { formText } from "@/lib/forms/state";

/** The button on /unlock-sign-in: spends the link's token (opening the page does not). */
export const unlockSignInAction = publicFormAction({ fields: [] }, async (_input, { client, form }) => {
  // The token is read here rather than listed in `fields`, so it never comes back in the form state.
  const result = await unlockSignIn(formText(form, "token"), client);
  if (!result.ok) return { status: "error", message: result.error.message };
  return { status: "success", message: "Sign-in is unlocked: you can sign in with your password now." };
});
