import "server-only";
import { hash } from "node:crypto";
import { decode } from "next-auth/jwt";
import { getEnv } from "../env";
import { sessionCookieName } from "./config";

/** Auth.js's `decode` accepts a token up to 15 s past its `exp` (its clockTolerance): a remembered one, the same. */
const CLOCK_TOLERANCE_MS = 15_000;
/** Cookies remembered as opened (each entry ~150 bytes): the oldest is forgotten past this. */
const REMEMBERED_MAX = 2000;

/**
 * Cookies that opened, by the SHA-256 of the cookie: their `sid` and until when the cookie itself is valid. Opening
 * one (key derivation, then decrypting and checking it in WebCrypto) costs ~0.5 ms of CPU, on every page request;
 * a remembered one costs a hash. Only the cookie's decryption is remembered: whether its session is still alive is
 * asked of the database on every request as before. Forgotten as a whole when the secrets or the cookie's name
 * change; a cookie that does not open is never remembered.
 */
let remembered = new Map<string, { sid: string; validUntil: number }>();
let rememberedUnder = "";

/**
 * The session token (`sid`) inside Auth.js's encrypted session cookie, or null when there is none or it
 * does not open (forged, foreign, expired). Auth.js writes the cookie under the newest secret of
 * AUTH_SECRET (lib/auth/config.ts); every secret is tried here, newest first, so rotating the secret
 * signs no one out while the old one is still listed.
 */
export async function sessionTokenIn(raw: string | null | undefined): Promise<string | null> {
  if (!raw || raw.length > 8192) return null;
  const env = getEnv();
  const salt = sessionCookieName(env.SECURE_COOKIES);
  const under = [salt, ...env.AUTH_SECRETS].join("\n");
  if (under !== rememberedUnder) {
    remembered = new Map();
    rememberedUnder = under;
  }
  const key = hash("sha256", raw, "base64url");
  const known = remembered.get(key);
  if (known) {
    if (known.validUntil > Date.now()) return known.sid;
    remembered.delete(key);
  }
  try {
    const payload = await decode({ token: raw, secret: [...env.AUTH_SECRETS], salt });
    const sid = payload?.sid;
    if (typeof sid !== "string") return null;
    if (typeof payload?.exp === "number") remember(key, sid, payload.exp * 1000 + CLOCK_TOLERANCE_MS);
    return sid;
  } catch {
    return null;
  }
}

function remember(key: string, sid: string, validUntil: number) {
  if (remembered.size >= REMEMBERED_MAX) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, { sid, validUntil });
}
