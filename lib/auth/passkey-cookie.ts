import "server-only";
import { cookies } from "next/headers";
import { isWellFormedToken } from "../crypto/tokens";
import { json } from "../http/route";
import { CEREMONY_MINUTES } from "../passkeys/relying-party";
import type { SignInOptions } from "./passkey-sign-in";
import { cookieFrom } from "./device-cookie";
import { hostCookieName, setSiteCookie } from "./site-cookie";

/**
 * The binding secrets of a browser's pending passkey sign-ins, in a short-lived (CEREMONY_MINUTES) HttpOnly,
 * SameSite=Lax cookie, `__Host-` when Secure: the page's script never sees them, and an answer sent from
 * another browser or machine comes without them, so it finds no challenge to spend (lib/passkeys/challenges.ts).
 * The newest few are kept (newest first, `.`-separated), so a second sign-in tab does not void the first's.
 */
const MAX_BINDINGS = 4;
export const passkeyCookieName = () => hostCookieName("accounts.passkey");

/** The well-formed binding secrets a cookie value holds, newest first. */
export function bindingsFrom(value: string | null | undefined): string[] {
  if (!value || value.length > 400) return [];
  return value.split(".").filter(isWellFormedToken).slice(0, MAX_BINDINGS);
}

/** The binding secrets this request's cookie carries (read from the request, as the device cookie is). */
export const passkeyBindings = (cookieHeader: string | null) =>
  bindingsFrom(cookieFrom(cookieHeader, passkeyCookieName()));

/**
 * Whether the sign-in options were asked for by this site's own page: a browser says so itself
 * (`Sec-Fetch-Site: same-origin`, a header page script cannot set). A program does not send it.
 */
export const fromOwnPage = (headers: Headers) => headers.get("sec-fetch-site") === "same-origin";

/**
 * The answer to `POST /api/sessions/passkey/options`: this site's page gets the options and the binding in
 * the cookie (added to those it holds); any other client gets the binding as the `binding` field, to send back.
 */
export async function signInOptionsAnswer(request: Request, issued: SignInOptions): Promise<Response> {
  if (!fromOwnPage(request.headers)) return json({ ...issued.options, binding: issued.binding });
  const jar = await cookies();
  const held = bindingsFrom(jar.get(passkeyCookieName())?.value).filter((b) => b !== issued.binding);
  await setSiteCookie(
    passkeyCookieName(),
    [issued.binding, ...held].slice(0, MAX_BINDINGS).join("."),
    CEREMONY_MINUTES * 60,
  );
  return json(issued.options);
}
