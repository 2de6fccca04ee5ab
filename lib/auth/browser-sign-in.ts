import "server-only";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { getEnv } from "../env";
import { clientInfo } from "../http/client-info";
import { sessionCookieName } from "./config";
import { cookieFrom, DEVICE_COOKIE_MAX_AGE_SECONDS, deviceCookieName } from "./device-cookie";
import { signIn } from "./sign-in";

/** The session token inside this request's Auth.js cookie, if it holds a readable one. */
async function previousSessionToken(cookieHeader: string | null): Promise<string | null> {
  const env = getEnv();
  const name = sessionCookieName(env.SECURE_COOKIES);
  const raw = cookieFrom(cookieHeader, name);
  if (!raw || raw.length > 8192) return null;
  try {
    const sid = (await decode({ token: raw, secret: env.AUTH_SECRET, salt: name }))?.sid;
    return typeof sid === "string" ? sid : null;
  } catch {
    return null;
  }
}

/**
 * The browser's sign-in, for Auth.js's authorize() — reached from the sign-in and sign-up forms and
 * from Auth.js's own POST /api/auth/callback/credentials alike. It reads the device cookie and the
 * session cookie from the request, signs in with kind "browser", and on success sets the device cookie
 * (through next/headers, which both a server action and a route handler add to their response).
 */
export async function browserSignIn(credentials: { login?: unknown; password?: unknown }, request: Request) {
  const cookieHeader = request.headers.get("cookie");
  const deviceName = deviceCookieName();
  const deviceCookie = cookieFrom(cookieHeader, deviceName);
  const result = await signIn(
    { login: credentials.login, password: credentials.password },
    "browser",
    clientInfo(request.headers),
    { deviceCookie, previousSessionToken: await previousSessionToken(cookieHeader) },
  );
  if (result.ok && result.value.deviceCookie) {
    const env = getEnv();
    (await cookies()).set(deviceName, result.value.deviceCookie, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env.SECURE_COOKIES,
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    });
  }
  return result;
}
