import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "../env";

/** A cookie's name, `__Host-` prefixed when cookies are Secure: bound to this host, path / and https. */
export const hostCookieName = (base: string, secure = getEnv().SECURE_COOKIES) => (secure ? `__Host-${base}` : base);

/**
 * Sets a short-lived cookie of this site's own: HttpOnly (page script never sees it), SameSite=Lax, path /,
 * Secure when cookies are, for `seconds`.
 */
export async function setSiteCookie(name: string, value: string, seconds: number): Promise<void> {
  (await cookies()).set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: getEnv().SECURE_COOKIES,
    maxAge: Math.ceil(seconds),
  });
}
