import "server-only";
import { decode } from "next-auth/jwt";
import { getEnv } from "../env";
import { sessionCookieName } from "./config";

/**
 * The session token (`sid`) inside Auth.js's encrypted session cookie, or null when there is none or it
 * does not open (forged, foreign, expired). Auth.js writes the cookie under the newest secret of
 * AUTH_SECRET (lib/auth/config.ts); every secret is tried here, newest first, so rotating the secret
 * signs no one out while the old one is still listed.
 */
export async function sessionTokenIn(raw: string | null | undefined): Promise<string | null> {
  if (!raw || raw.length > 8192) return null;
  const env = getEnv();
  try {
    const salt = sessionCookieName(env.SECURE_COOKIES);
    const sid = (await decode({ token: raw, secret: [...env.AUTH_SECRETS], salt }))?.sid;
    return typeof sid === "string" ? sid : null;
  } catch {
    return null;
  }
}
