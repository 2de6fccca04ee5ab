"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { MfaCodeRefused, MfaRequiredSignIn, PasskeyRefused } from "@/lib/auth/mfa-sign-in-errors";
import { WRONG_MFA_CODE } from "@/lib/auth/second-step";
import { BAD_CREDENTIALS } from "@/lib/messages";
import { ACCOUNT_DISABLED } from "@/lib/auth/sign-in-tail";
import { signIn } from "@/lib/auth/nextauth";
import { isDatabaseUnavailable } from "@/lib/db-availability";
import { safeRedirectPath } from "@/lib/auth/redirects";
import { AccountDisabledSignIn, RateLimitedSignIn } from "@/lib/auth/rate-limited-sign-in";
import { signInSchema } from "@/lib/auth/schemas";
import { signUpDeviceCookie } from "@/lib/auth/sign-up-device";
import { publicFormAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { tryAgainIn } from "@/lib/security/rate-limited";
import { signUpForm, usernameProblem } from "@/lib/account/sign-up";
import { PASSKEY_REFUSED } from "@/lib/auth/passkey-sign-in";

const SIGN_IN_FIELDS = ["login", "password"] as const;
const SIGN_UP_FIELDS = ["username", "email", "password", "confirmPassword", "displayName", "avatarUrl", "bio"] as const;

/**
 * Opens a browser session through Auth.js; success redirects (Auth.js throws Next's redirect). An
 * outage is thrown on to the action wrapper, which answers with its message.
 */
async function startBrowserSession(
  login: string,
  password: string,
  redirectTo: string,
  device?: string | null,
): Promise<FormState | never> {
  try {
    await signIn("credentials", { login, password, redirectTo, ...(device ? { device } : {}) });
  } catch (error) {
    // The right password, two-factor on: the challenge cookie is set; the second step keeps callbackUrl.
    if (error instanceof MfaRequiredSignIn)
      redirect(`/sign-in/two-factor?${new URLSearchParams({ callbackUrl: redirectTo })}`);
    if (error instanceof RateLimitedSignIn)
      return { status: "error", message: tryAgainIn(error.retryAfter), values: { login } };
    if (error instanceof AccountDisabledSignIn)
      return { status: "error", message: ACCOUNT_DISABLED, values: { login } };
    if (isDatabaseUnavailable(error)) throw error;
    if (error instanceof AuthError) return { status: "error", message: BAD_CREDENTIALS, values: { login } };
    throw error;
  }
  return { status: "success" };
}

export const signInAction = publicFormAction({ fields: SIGN_IN_FIELDS, schema: signInSchema }, (input, { form }) =>
  startBrowserSession(input.login, input.password, safeRedirectPath(form.get("callbackUrl"))),
);

/** Sign-up checks everything itself (lib/account/sign-up.ts#signUpForm), availability included, in one round. */
export const signUpAction = publicFormAction({ fields: SIGN_UP_FIELDS }, async (input, { client }) => {
  const registered = await signUpForm(input, client);
  if (!registered.ok) return registered;
  // This browser is the account's first device: its sign-in is not mailed as a new one.
  const device = await signUpDeviceCookie(registered.value.id);
  return startBrowserSession(registered.value.username, input.password, "/account", device);
});

/**
 * The sign-up form's check when the username field is left: its format, then whether it is taken (a
 * look-up counted against the sign-up limit, like a sign-up). Answers the field's message, or idle.
 */
export const usernameCheckAction = publicFormAction({ fields: ["username"] }, async (input, { client }) => {
  const problem = await usernameProblem(input.username, client);
  return problem ? { status: "error", fields: { username: [problem] } } : { status: "idle" };
});

const TWO_FACTOR_FIELDS = ["code", "recoveryCode", "callbackUrl"] as const;

/** The second step of a browser sign-in: the challenge is in its HttpOnly cookie; the session opens only here. */
export const twoFactorSignInAction = publicFormAction({ fields: TWO_FACTOR_FIELDS }, async (input) => {
  const redirectTo = safeRedirectPath(input.callbackUrl);
  const field = input.recoveryCode ? "recoveryCode" : "code";
  const proof = input.recoveryCode ? { recoveryCode: input.recoveryCode } : { code: input.code };
  if (!input.code && !input.recoveryCode)
    return { status: "error", message: "Enter the code.", fields: { [field]: ["Enter the code."] } };
  try {
    await signIn("credentials", { ...proof, redirectTo });
  } catch (error) {
    if (error instanceof RateLimitedSignIn) return { status: "error", message: tryAgainIn(error.retryAfter) };
    if (error instanceof MfaCodeRefused && error.reason === "challenge_gone")
      redirect(`/sign-in?${new URLSearchParams({ callbackUrl: redirectTo, expired: "1" })}`);
    if (isDatabaseUnavailable(error)) throw error;
    if (error instanceof AuthError)
      return { status: "error", message: WRONG_MFA_CODE, fields: { [field]: [WRONG_MFA_CODE] } };
    throw error;
  }
  return { status: "success" };
});

/**
 * A passkey sign-in from the sign-in page: `response` is the WebAuthn answer as JSON text. The
 * session opens through Auth.js's `passkey` provider; two-factor's code step does not apply.
 */
export const passkeySignInAction = publicFormAction({ fields: ["response", "callbackUrl"] }, async (input) => {
  const redirectTo = safeRedirectPath(input.callbackUrl);
  try {
    await signIn("passkey", { response: input.response, redirectTo });
  } catch (error) {
    if (error instanceof RateLimitedSignIn) return { status: "error", message: tryAgainIn(error.retryAfter) };
    if (error instanceof AccountDisabledSignIn) return { status: "error", message: ACCOUNT_DISABLED };
    if (error instanceof PasskeyRefused) return { status: "error", message: error.detail };
    if (isDatabaseUnavailable(error)) throw error;
    if (error instanceof AuthError) return { status: "error", message: PASSKEY_REFUSED };
    throw error;
  }
  return { status: "success" };
});
