import "server-only";
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "../env";
import { hostCookieName } from "./site-cookie";

/**
 * OWASP's "device cookies": a browser that has signed in to an account carries a signed proof of it
 * (HttpOnly, HMAC-SHA256 under a key derived from AUTH_SECRET), and its sign-in attempts for that
 * account count in a bucket of their own (`sign_in_failures_device`), so failures from elsewhere never
 * lock it out. One cookie holds up to MAX_ENTRIES accounts, newest first; each entry is
 * `<user id>.<issued at, seconds, base36>.<device id>.<mac>`. The MAC also covers a digest of the
 * account's password hash (not in the cookie), so a password change or reset ends every device's
 * standing: a browser that signed in with a stolen password keeps no bucket of its own afterwards.
 * A forged, altered, foreign, old or superseded entry is simply not there.
 */
export const DEVICE_COOKIE = "accounts.device";
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 86_400;
const MAX_ENTRIES = 5;
const ENTRY = /^([0-9a-f-]{36})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** `__Host-` when cookies are Secure: bound to this host, path / and https. */
export const deviceCookieName = (secure?: boolean) => hostCookieName(DEVICE_COOKIE, secure);

/** One HMAC key per secret of AUTH_SECRET, newest first: sign with the first, accept a MAC under any. */
let cachedKeys: { secrets: readonly string[]; keys: Buffer[] } | undefined;
function keys(): Buffer[] {
  const secrets = getEnv().AUTH_SECRETS;
  if (cachedKeys?.secrets !== secrets) {
    const derived = secrets.map((secret) =>
      Buffer.from(hkdfSync("sha256", secret, "", "accounts device cookie v1", 32)),
    );
    cachedKeys = { secrets, keys: derived };
  }
  return cachedKeys.keys;
}

/** The MAC of an entry under `key`: user, time, device, and a digest of the account's current password hash. */
function mac(userId: string, iat: string, deviceId: string, passwordHash: string | null, key = keys()[0]!): string {
  // No password (an account made by an identity provider): setting one later still moves the epoch.
  const epoch = createHash("sha256")
    .update(passwordHash ?? "")
    .digest("base64url");
  return createHmac("sha256", key).update(`${userId}.${iat}.${deviceId}.${epoch}`).digest("base64url");
}

/** Whether `given` is the entry's MAC under any secret of AUTH_SECRET (a rotation keeps older cookies). */
function macMatches(
  given: string,
  userId: string,
  iat: string,
  deviceId: string,
  passwordHash: string | null,
): boolean {
  const actual = Buffer.from(given);
  return keys().some((key) => {
    const expected = Buffer.from(mac(userId, iat, deviceId, passwordHash, key));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
}

/** The well-formed entries of a cookie's value (at most MAX_ENTRIES), not yet checked. */
function entries(value: string | null | undefined): { raw: string; parts: [string, string, string, string] }[] {
  if (!value || value.length > 2048) return [];
  return value
    .split("~")
    .slice(0, MAX_ENTRIES)
    .flatMap((raw) => {
      const m = ENTRY.exec(raw);
      return m ? [{ raw, parts: [m[1]!, m[2]!, m[3]!, m[4]!] as [string, string, string, string] }] : [];
    });
}

/**
 * This browser's device id for the account, when its cookie proves (under the account's current
 * password hash) that it signed in to it within the last year, and after the account's factors last
 * changed (`factorsChangedAt`, users.factors_changed_at: two-factor on or off, new recovery codes), so
 * a browser that signed in before two-factor was on is a stranger to it; otherwise null. Entries carry
 * whole seconds: one issued in the second of a change counts as before it.
 */
export function deviceFor(
  value: string | null | undefined,
  userId: string,
  passwordHash: string | null,
  factorsChangedAt: Date | null = null,
  now = Date.now(),
): string | null {
  for (const { parts } of entries(value)) {
    const [id, iat, deviceId, given] = parts;
    if (id !== userId) continue;
    if (!macMatches(given, id, iat, deviceId, passwordHash)) continue;
    const issuedAt = parseInt(iat, 36) * 1000;
    if (factorsChangedAt && issuedAt < factorsChangedAt.getTime()) continue;
    if (issuedAt <= now + 60_000 && now - issuedAt < DEVICE_COOKIE_MAX_AGE_SECONDS * 1000) return deviceId;
  }
  return null;
}

/**
 * The cookie's new value after a sign-in to `userId` (with its password hash as it now stands): a fresh
 * entry first, then the other accounts' entries as they were (each is checked when it is used).
 */
export function deviceCookieAfterSignIn(
  value: string | null | undefined,
  userId: string,
  passwordHash: string | null,
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000).toString(36);
  const deviceId = randomBytes(16).toString("base64url");
  const fresh = `${userId}.${iat}.${deviceId}.${mac(userId, iat, deviceId, passwordHash)}`;
  const others = entries(value)
    .filter((e) => e.parts[0] !== userId)
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
