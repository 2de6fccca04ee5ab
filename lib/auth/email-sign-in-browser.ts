import "server-only";
import { CredentialsSignin } from "next-auth";
import type { ClientInfo } from "../client-info";
import { newToken } from "../crypto/tokens";
import { clientInfo } from "../http/client-info";
import { previousSessionToken, setBrowserDeviceCookie } from "./browser-sign-in";
import { cookieFrom, deviceCookieName } from "./device-cookie";
import { confirmEmailSignInCode, confirmEmailSignInLink, INVALID_EMAIL_CODE } from "./email-sign-in";
import { clearEmailSignInBinding, emailSignInBindingIn, setEmailSignInBinding } from "./email-sign-in-cookie";
import { requestEmailSignIn } from "./email-sign-in-request";
import { connectPendingIdentity } from "./identity-link";
import { MfaRequiredSignIn } from "./mfa-sign-in-errors";
import { setMfaCookie } from "./mfa-cookie";
import { AccountDisabledSignIn, RateLimitedSignIn } from "./rate-limited-sign-in";

/** An email sign-in was refused; `detail` is the message to show (a dead link, another browser, a wrong code). */
export class EmailSignInRefused extends CredentialsSignin {
  code = "email_sign_in_refused";
  constructor(readonly detail: string) {
    super(detail);
  }
}

/**
 * The `email-link` provider's authorize(): a `token` (the link's "Sign me in", spent only with this browser's
 * binding cookie) or a `login` and `code` (from any browser). Success sets the device cookie (or, with two-factor
 * on, the second step's challenge cookie, and MfaRequiredSignIn is thrown as after a right password) and
 * forgets the binding cookie. Refusals are typed errors the page's action turns into messages.
 */
export async function authorizeEmailSignIn(
  credentials: Partial<Record<"token" | "login" | "code", unknown>>,
  request: Request,
): Promise<{ id: string; sessionToken: string }> {
  const cookieHeader = request.headers.get("cookie");
  const browser = {
    deviceCookie: cookieFrom(cookieHeader, deviceCookieName()),
    previousSessionToken: await previousSessionToken(cookieHeader),
  };
  const client = clientInfo(request.headers);
  const result =
    typeof credentials.token === "string" && credentials.token
      ? await confirmEmailSignInLink(credentials.token, emailSignInBindingIn(cookieHeader), "browser", client, browser)
      : await confirmEmailSignInCode({ login: credentials.login, code: credentials.code }, "browser", client, browser);
  if (!result.ok) {
    if (result.error.code === "rate_limited") throw new RateLimitedSignIn(result.error.retryAfter ?? 60);
    if (result.error.reason === "account_disabled") throw new AccountDisabledSignIn();
    throw new EmailSignInRefused(result.error.reason === "invalid_code" ? result.error.message : INVALID_EMAIL_CODE);
  }
  await clearEmailSignInBinding();
  if ("mfa" in result.value) {
    await setMfaCookie(result.value.mfa.challenge);
    throw new MfaRequiredSignIn();
  }
  if (result.value.deviceCookie) await setBrowserDeviceCookie(result.value.deviceCookie);
  // An identity waiting to be connected to this account (lib/auth/identity-link.ts) is connected now.
  await connectPendingIdentity(result.value.user.id, client);
  return { id: result.value.user.id, sessionToken: result.value.session.token };
}

/**
 * "Email me a sign-in link" from this site's page: a fresh binding secret, stored hashed with the message and
 * kept in this browser's cookie (set whether or not an account matched, so the answer shows nothing).
 */
export async function requestEmailSignInFromBrowser(input: unknown, client: ClientInfo) {
  const binding = newToken().token;
  const result = await requestEmailSignIn(input, client, binding);
  if (result.ok) await setEmailSignInBinding(binding);
  return result;
}
