import "server-only";
import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { getEnv } from "../env";

/**
 * The token of a new-device notice's "Wasn't you? — secure your account" link: stateless and signed, so the
 * notice needs no stored token (email_tokens' purposes are a fixed enum). `<user id, 32 hex><issued at, 8
 * base36><HMAC-SHA256, 43 base64url>`, under a key derived from AUTH_SECRET (every secret of it is accepted,
 * the newest signs). The MAC also covers a digest of the account's password hash, so the link dies with a
 * password change or reset (what the page starts); it works for SECURE_LINK_DAYS otherwise. Using it again
 * before then only signs out everywhere again, and its reset mail counts against the reset limits.
 */
export const SECURE_LINK_DAYS = 7;
const TOKEN = /^([0-9a-f]{32})([0-9a-z]{8})([A-Za-z0-9_-]{43})$/;

let cached: { secrets: readonly string[]; keys: Buffer[] } | undefined;
function keys(): Buffer[] {
  const secrets = getEnv().AUTH_SECRETS;
  if (cached?.secrets !== secrets)
    cached = {
      secrets,
      keys: secrets.map((s) => Buffer.from(hkdfSync("sha256", s, "", "accounts secure-account link v1", 32))),
    };
  return cached.keys;
}

function mac(hexId: string, iat: string, passwordHash: string | null, key: Buffer): string {
  const epoch = createHash("sha256")
    .update(passwordHash ?? "")
    .digest("base64url");
  return createHmac("sha256", key).update(`${hexId}.${iat}.${epoch}`).digest("base64url");
}

/** A new link token for the account, bound to its password hash as it now stands. */
export function secureAccountToken(userId: string, passwordHash: string | null, now = Date.now()): string {
  const hexId = userId.replace(/-/g, "");
  const iat = Math.floor(now / 1000)
    .toString(36)
    .padStart(8, "0");
  return `${hexId}${iat}${mac(hexId, iat, passwordHash, keys()[0]!)}`;
}

/** The account a well-formed token names (not yet checked: check it with `secureAccountTokenValid`). */
export function secureAccountTokenUser(token: unknown): string | null {
  if (typeof token !== "string") return null;
  const m = TOKEN.exec(token);
  if (!m) return null;
  const h = m[1]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Whether the token is the account's, under its current password hash, and younger than SECURE_LINK_DAYS. */
export function secureAccountTokenValid(token: string, passwordHash: string | null, now = Date.now()): boolean {
  const m = TOKEN.exec(token);
  if (!m) return false;
  const [, hexId, iat, given] = m as unknown as [string, string, string, string];
  const issuedAt = parseInt(iat, 36) * 1000;
  if (!(issuedAt <= now + 60_000 && now - issuedAt < SECURE_LINK_DAYS * 86_400_000)) return false;
  const actual = Buffer.from(given);
  return keys().some((key) => {
    const expected = Buffer.from(mac(hexId, iat, passwordHash, key));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
}

/** The page's query: anything but a well-formed token becomes "" (a dead link), never carried further. */
export const secureLinkPageQuerySchema = z.object({ token: z.string().regex(TOKEN).catch("") });
