"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { emailSignInWouldVerify, INVALID_EMAIL_CODE } from "@/lib/auth/email-sign-in";
import { EmailSignInRefused, requestEmailSignInFromBrowser } from "@/lib/auth/email-sign-in-browser";
import { readEmailSignInBinding } from "@/lib/auth/email-sign-in-cookie";
import { emailSignInConfirmSchema, emailSignInRequestSchema } from "@/lib/auth/email-sign-in-schemas";
import { MfaRequiredSignIn } from "@/lib/auth/mfa-sign-in-errors";
import { signIn } from "@/lib/auth/nextauth";
import { AccountDisabledSignIn, RateLimitedSignIn } from "@/lib/auth/rate-limited-sign-in";
import { safeRedirectPath } from "@/lib/auth/redirects";
import { ACCOUNT_DISABLED } from "@/lib/auth/sign-in-tail";
import { isDatabaseUnavailable } from "@/lib/db-availability";
import { publicFormAction } from "@/lib/forms/action";
import { formText, type FormState } from "@/lib/forms/state";
import { tryAgainIn } from "@/lib/security/rate-limited";
import { validate } from "@/lib/validation";

/** "Email me a sign-in link": the same answer whether or not an account matches; the login comes back to be named. */
export const requestEmailSignInAction = publicFormAction(
  { fields: ["login"], schema: emailSignInRequestSchema },
  async (input, { client, values }) => {
    const result = await requestEmailSignInFromBrowser(input, client);
    if (!result.ok) return result;
    return { status: "success", message: result.value.message, values };
  },
);

/** Where a finished email sign-in lands: the notice first when it has just verified the address (and voided the password). */
const landing = (verifies: boolean, redirectTo: string) =>
  verifies ? `/sign-in/email/verified?${new URLSearchParams({ callbackUrl: redirectTo })}` : redirectTo;

/** Opens the browser session through Auth.js's `email-link` provider; success redirects (Auth.js throws Next's redirect). */
async function startEmailSession(
  proof: { token: string } | { login: string; code: string },
  redirectTo: string,
  values: Record<string, string>,
): Promise<FormState> {
  try {
    await signIn("email-link", { ...proof, redirectTo });
  } catch (error) {
    // Two-factor on: the challenge cookie is set; the second step keeps where to land.
    if (error instanceof MfaRequiredSignIn)
      redirect(`/sign-in/two-factor?${new URLSearchParams({ callbackUrl: redirectTo })}`);
    if (error instanceof RateLimitedSignIn) return { status: "error", message: tryAgainIn(error.retryAfter), values };
    if (error instanceof AccountDisabledSignIn) return { status: "error", message: ACCOUNT_DISABLED, values };
    if (error instanceof EmailSignInRefused) {
      const fields = "code" in proof ? { code: [error.detail] } : undefined;
      return { status: "error", message: error.detail, values, ...(fields ? { fields } : {}) };
    }
    if (isDatabaseUnavailable(error)) throw error;
    if (error instanceof AuthError) return { status: "error", message: INVALID_EMAIL_CODE, values };
    throw error;
  }
  return { status: "success" };
}

/**
 * The code from the message, typed in any browser. The code is read here rather than listed in `fields`, so it
 * never comes back in the form state (it is single use anyway).
 */
export const emailCodeSignInAction = publicFormAction(
  { fields: ["login", "callbackUrl"] },
  async (input, { form, values }) => {
    const parsed = validate(emailSignInConfirmSchema, { login: input.login, code: formText(form, "code") });
    if (!parsed.ok) return parsed;
    const redirectTo = safeRedirectPath(input.callbackUrl);
    const verifies = await emailSignInWouldVerify({ login: parsed.value.login });
    return startEmailSession(parsed.value, landing(verifies, redirectTo), values);
  },
);

/** "Sign me in" on the link's page: the only thing that spends the link (opening the page does not). */
export const emailLinkSignInAction = publicFormAction({ fields: [] }, async (_input, { form }) => {
  // The token is read here rather than listed in `fields`, so it never comes back in the form state.
  const token = formText(form, "token");
  const verifies = await emailSignInWouldVerify({ token, binding: await readEmailSignInBinding() });
  return startEmailSession({ token }, landing(verifies, "/account"), {});
});
