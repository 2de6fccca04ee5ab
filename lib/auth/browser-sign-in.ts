import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "../env";
import { clientInfo } from "../http/client-info";
import { sessionCookieName } from "./config";
import { cookieFrom, DEVICE_COOKIE_MAX_AGE_SECONDS, deviceCookieName } from "./device-cookie";
import { completeMfaSignIn } from "./second-step";
import { clearMfaCookie, readMfaCookie, setMfaCookie } from "./mfa-cookie";
import { passkeyBindings } from "./passkey-cookie";
import { setRecoveryNotice } from "./recovery-notice-cookie";
import { signInWithPasskey } from "./passkey-sign-in";
import { fail } from "../result";
import { signInWithPassword } from "./sign-in";
import { connectPendingIdentity } from "./identity-link";
import { sessionTokenIn } from "./session-cookie";

/** The session token inside this request's Auth.js cookie, if it holds a readable one. */
export function previousSessionToken(cookieHeader: string | null): Promise<string | null> {
  return sessionTokenIn(cookieFrom(cookieHeader, sessionCookieName(getEnv().SECURE_COOKIES)));
}

/**
 * The browser's sign-in, for Auth.js's authorize() — reached from the sign-in and sign-up forms and
 * from Auth.js's own POST /api/auth/callback/credentials alike. It reads the device cookie and the
 * session cookie from the request, signs in with kind "browser", and on success sets the device cookie
 * (through next/headers, which both a server action and a route handler add to their response).
 */
export async function browserSignIn(
  credentials: { login?: unknown; password?: unknown; device?: unknown },
  request: Request,
) {
  const cookieHeader = request.headers.get("cookie");
  const deviceName = deviceCookieName();
  // The sign-up form's first device (lib/auth/sign-up-device.ts): checked exactly as the cookie is.
  const deviceCookie =
    typeof credentials.device === "string" && credentials.device.length <= 2048
      ? credentials.device
      : cookieFrom(cookieHeader, deviceName);
  const result = await signInWithPassword(
    { login: credentials.login, password: credentials.password },
    "browser",
    clientInfo(request.headers),
    { deviceCookie, previousSessionToken: await previousSessionToken(cookieHeader) },
  );
  if (result.ok && "mfa" in result.value) await setMfaCookie(result.value.mfa.challenge);
  else if (result.ok && "deviceCookie" in result.value && result.value.deviceCookie)
    await setBrowserDeviceCookie(result.value.deviceCookie);
  if (result.ok && "session" in result.value)
    await connectPendingIdentity(result.value.user.id, clientInfo(request.headers));
  return result;
}

/** Sets the renewed device cookie (every browser way in, the identity providers' callback too). */
export async function setBrowserDeviceCookie(value: string) {
  const env = getEnv();
  (await cookies()).set(deviceCookieName(), value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.SECURE_COOKIES,
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
}

/**
 * The browser's second step, for authorize() when the credentials carry a `code` or `recoveryCode`:
 * the challenge comes from the HttpOnly cookie the password step set (never from the form). Success
 * opens the session, deletes the cookie and renews the device cookie (after a recovery code, it also sets the
 * recovery-notice cookie); a dead challenge deletes it too.
 */
export async function browserMfaSignIn(credentials: { code?: unknown; recoveryCode?: unknown }, request: Request) {
  const cookieHeader = request.headers.get("cookie");
  const challenge = await readMfaCookie();
  const code = typeof credentials.code === "string" && credentials.code ? credentials.code : undefined;
  const recoveryCode =
    typeof credentials.recoveryCode === "string" && credentials.recoveryCode ? credentials.recoveryCode : undefined;
  const result = await completeMfaSignIn(
    { challenge: challenge ?? "", ...(code ? { code } : {}), ...(recoveryCode ? { recoveryCode } : {}) },
    "browser",
    clientInfo(request.headers),
    {
      deviceCookie: cookieFrom(cookieHeader, deviceCookieName()),
      previousSessionToken: await previousSessionToken(cookieHeader),
    },
  );
  if (result.ok) {
    await clearMfaCookie();
    if (result.value.deviceCookie) await setBrowserDeviceCookie(result.value.deviceCookie);
    // The pages that follow say how many recovery codes are left.
    if (!code && recoveryCode) await setRecoveryNotice(result.value.session.id);
    await connectPendingIdentity(result.value.user.id, clientInfo(request.headers));
  }
  return result;
}

/**
 * The browser's passkey sign-in, for the `passkey` provider's authorize(): `response` is the
 * WebAuthn answer as JSON text (what the page's form posts). The challenge is inside the signed answer;
 * spending it needs the binding secret its options left in this browser's HttpOnly passkey cookie
 * (lib/auth/passkey-cookie.ts), so the answer works from this browser only. Success renews the device
 * cookie, like a password sign-in.
 */
export async function browserPasskeySignIn(credentials: { response?: unknown }, request: Request) {
  let response: unknown;
  try {
    response =
      typeof credentials.response === "string" && credentials.response.length <= 65_536
        ? JSON.parse(credentials.response)
        : undefined;
  } catch {
    response = undefined;
  }
  if (response === undefined) return fail("unauthorized", "That passkey answer could not be read.");
  const cookieHeader = request.headers.get("cookie");
  const result = await signInWithPasskey({ response }, "browser", clientInfo(request.headers), {
    deviceCookie: cookieFrom(cookieHeader, deviceCookieName()),
    previousSessionToken: await previousSessionToken(cookieHeader),
    bindings: passkeyBindings(cookieHeader),
  });
  if (result.ok && result.value.deviceCookie) await setBrowserDeviceCookie(result.value.deviceCookie);
  if (result.ok) await connectPendingIdentity(result.value.user.id, clientInfo(request.headers));
  return result;
}
