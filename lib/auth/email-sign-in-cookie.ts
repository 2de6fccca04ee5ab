import "server-only";
import { cookies } from "next/headers";
import { isWellFormedToken } from "../crypto/tokens";
import { cookieFrom } from "./device-cookie";
import { hostCookieName, setSiteCookie } from "./site-cookie";
import { EMAIL_SIGN_IN_MINUTES } from "./email-sign-in-store";

/**
 * The browser that asked for a sign-in message holds its binding secret in this short-lived (15 minutes)
 * HttpOnly, SameSite=Lax cookie, `__Host-` when Secure; the row keeps only its SHA-256. The emailed link's
 * "Sign me in" works only with it, so a link read by a mail scanner, forwarded, or opened on another device
 * signs nobody in there (the page offers the code instead). Set whether or not an account exists.
 */
export const emailSignInCookieName = () => hostCookieName("accounts.email-sign-in");

const wellFormed = (value: string | null | undefined) => (value && isWellFormedToken(value) ? value : null);

/** The binding secret this request's cookie carries (read from the request header, as the device cookie is). */
export const emailSignInBindingIn = (cookieHeader: string | null) =>
  wellFormed(cookieFrom(cookieHeader, emailSignInCookieName()));

/** The binding secret of this request, for a page (server component). */
export async function readEmailSignInBinding(): Promise<string | null> {
  return wellFormed((await cookies()).get(emailSignInCookieName())?.value);
}

export async function setEmailSignInBinding(binding: string): Promise<void> {
  await setSiteCookie(emailSignInCookieName(), binding, EMAIL_SIGN_IN_MINUTES * 60);
}

export async function clearEmailSignInBinding(): Promise<void> {
  (await cookies()).delete(emailSignInCookieName());
}
