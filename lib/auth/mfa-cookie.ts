import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "../env";
import { hostCookieName, setSiteCookie } from "./site-cookie";

/**
 * The browser's pending second sign-in step: the challenge (not a session) in a short-lived HttpOnly
 * cookie, `__Host-` when Secure. It is set when the right password met an account with two-factor on,
 * and deleted when the second step opens the session or the challenge is gone.
 */
export const mfaCookieName = () => hostCookieName("accounts.mfa");

export async function setMfaCookie(challenge: string): Promise<void> {
  await setSiteCookie(mfaCookieName(), challenge, getEnv().MFA_CHALLENGE_MINUTES * 60);
}

export async function readMfaCookie(): Promise<string | null> {
  const value = (await cookies()).get(mfaCookieName())?.value;
  return value && value.length <= 200 ? value : null;
}

export async function clearMfaCookie(): Promise<void> {
  (await cookies()).delete(mfaCookieName());
}
