import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { sessionCookieName } from "../auth/config";
import { getEnv } from "../env";

/**
 * The browser's side of an impersonation (lib/admin/impersonation.ts). Starting it keeps the administrator's
 * own session cookie, exactly as it was (Auth.js's sealed JWT), in a second HttpOnly cookie and puts the
 * impersonation's token in the session cookie, sealed as Auth.js seals it; stopping puts the kept one back.
 * The kept cookie is only ever read back into the session cookie, whose token is checked against its row
 * on every request like any other: once the administrator's own session is gone it opens nothing.
 */
const RETURN_COOKIE = "accounts.acting-admin";

function names() {
  const secure = getEnv().SECURE_COOKIES;
  return {
    secure,
    session: sessionCookieName(secure),
    back: secure ? `__Secure-${RETURN_COOKIE}` : RETURN_COOKIE,
  };
}

const options = (secure: boolean, maxAge: number) =>
  ({ httpOnly: true, sameSite: "lax", path: "/", secure, maxAge }) as const;

/** The browser becomes the impersonation session, keeping the administrator's own to return to. */
export async function enterImpersonation(token: string, expiresAt: Date): Promise<void> {
  const env = getEnv();
  const { secure, session, back } = names();
  const jar = await cookies();
  const own = jar.get(session)?.value;
  const ttl = env.SESSION_TTL_DAYS * 86_400;
  // Acting as one account after another keeps the first, the administrator's own, session to return to.
  if (own && !jar.get(back)) jar.set(back, own, options(secure, ttl));
  const maxAge = Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  const sealed = await encode({ token: { sid: token }, secret: env.AUTH_SECRETS[0]!, salt: session, maxAge });
  jar.set(session, sealed, options(secure, maxAge));
}

/** Whether this browser holds an administrator's own session to return to. */
export async function hasReturnSession(): Promise<boolean> {
  return Boolean((await cookies()).get(names().back)?.value);
}

/** Back to the administrator's own session (or signed out, when there is none to return to). */
export async function leaveImpersonation(): Promise<void> {
  const env = getEnv();
  const { secure, session, back } = names();
  const jar = await cookies();
  const own = jar.get(back)?.value;
  if (own) jar.set(session, own, options(secure, env.SESSION_TTL_DAYS * 86_400));
  else jar.delete(session);
  jar.delete(back);
}
