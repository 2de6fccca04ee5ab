import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "../env";

/**
 * OWASP's "device cookies": a browser that has signed in to an account carries a signed proof of it
 * (HttpOnly, HMAC-SHA256 under a key derived from AUTH_SECRET), and its sign-in attempts for that
 * account count in a bucket of their own (`sign_in_failures_device`), so failures from elsewhere never
 * lock it out. One cookie holds up to MAX_ENTRIES accounts, newest first; each entry is
 * `<user id>.<issued at, seconds, base36>.<device id>.<mac>`. A forged, altered, foreign or old entry
 * is simply not there.
 */
export const DEVICE_COOKIE = "accounts.device";
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 86_400;
const MAX_ENTRIES = 5;
const ENTRY = /^([0-9a-f-]{36})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export type DeviceEntry = { userId: string; deviceId: string; issuedAt: number; raw: string };

/** `__Host-` when cookies are Secure: bound to this host, path / and https. */
export function deviceCookieName(secure = getEnv().SECURE_COOKIES): string {
  return secure ? `__Host-${DEVICE_COOKIE}` : DEVICE_COOKIE;
}

let cachedKey: { secret: string; key: Buffer } | undefined;
function key(): Buffer {
  const secret = getEnv().AUTH_SECRET;
  if (cachedKey?.secret !== secret) {
    const derived = Buffer.from(hkdfSync("sha256", secret, "", "accounts device cookie v1", 32));
    cachedKey = { secret, key: derived };
  }
  return cachedKey.key;
}

const mac = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url");

function parseEntry(raw: string, now: number): DeviceEntry | null {
  const m = ENTRY.exec(raw);
  if (!m) return null;
  const [, userId, iat, deviceId, given] = m as unknown as [string, string, string, string, string];
  const expected = Buffer.from(mac(`${userId}.${iat}.${deviceId}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const issuedAt = parseInt(iat, 36);
  if (!(issuedAt * 1000 <= now + 60_000 && now - issuedAt * 1000 < DEVICE_COOKIE_MAX_AGE_SECONDS * 1000)) return null;
  return { userId, deviceId, issuedAt, raw };
}

/** The valid entries of a device cookie's value (at most MAX_ENTRIES are read). */
export function readDeviceCookie(value: string | null | undefined, now = Date.now()): DeviceEntry[] {
  if (!value || value.length > 2048) return [];
  return value
    .split("~")
    .slice(0, MAX_ENTRIES)
    .map((raw) => parseEntry(raw, now))
    .filter((e): e is DeviceEntry => e !== null);
}

/** This browser's device id for the account, when its cookie proves it signed in to it before. */
export function deviceFor(value: string | null | undefined, userId: string): string | null {
  return readDeviceCookie(value).find((e) => e.userId === userId)?.deviceId ?? null;
}

/** The cookie's new value after a sign-in to `userId`: a fresh entry first, the other accounts' after it. */
export function deviceCookieAfterSignIn(value: string | null | undefined, userId: string, now = Date.now()): string {
  const iat = Math.floor(now / 1000).toString(36);
  const deviceId = randomBytes(16).toString("base64url");
  const fresh = `${userId}.${iat}.${deviceId}.${mac(`${userId}.${iat}.${deviceId}`)}`;
  const others = readDeviceCookie(value, now)
    .filter((e) => e.userId !== userId)
    .map((e) => e.raw);
  return [fresh, ...others].slice(0, MAX_ENTRIES).join("~");
}

/** The first cookie of that name in a Cookie header, or null. */
export function cookieFrom(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}
