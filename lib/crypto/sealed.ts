import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "../env";

/** What a sealed value is for: each purpose has its own key, so one can never be opened as another. */
export type SealPurpose = "totp-secret" | "mail-outbox" | "identity-pending" | "identity-intent" | "webhook-secret";

const VERSION = "v1";

function keyFor(purpose: SealPurpose, secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "accounts.sealed", `seal:${purpose}`, 32));
}

/**
 * AES-256-GCM under a key derived from AUTH_SECRET with HKDF and the purpose as its label:
 * `v1.<iv>.<ciphertext>.<tag>` (base64url). The purpose is also the additional data. Always sealed
 * under the newest secret (AUTH_SECRET lists them newest first, lib/env.ts).
 */
export function seal(purpose: SealPurpose, plaintext: string, secret = getEnv().AUTH_SECRETS[0]): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, secret), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/**
 * The plaintext, or null when the value was not sealed for this purpose under any of the secrets (or
 * was altered). Every secret of AUTH_SECRET is tried, newest first, so a value sealed before a rotation
 * (or by an instance still on the old secret) opens; GCM's tag tells a wrong key from the right one.
 */
export function open(
  purpose: SealPurpose,
  sealed: string,
  secrets: string | readonly string[] = getEnv().AUTH_SECRETS,
): string | null {
  return openWithIndex(purpose, sealed, secrets)?.plaintext ?? null;
}

/**
 * Like open(), also saying which secret opened it (0: the newest), or null. A value opened by an older
 * secret is one to seal again under the newest before that secret is retired (lib/maintenance/reseal.ts).
 */
export function openWithIndex(
  purpose: SealPurpose,
  sealed: string,
  secrets: string | readonly string[] = getEnv().AUTH_SECRETS,
): { plaintext: string; index: number } | null {
  const [version, iv, body, tag, extra] = sealed.split(".");
  if (version !== VERSION || !iv || body === undefined || !tag || extra !== undefined) return null;
  const list = typeof secrets === "string" ? [secrets] : secrets;
  for (const [index, secret] of list.entries()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose, secret), Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      const plaintext = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
      return { plaintext: plaintext.toString("utf8"), index };
    } catch {
      // Not this secret (or altered): try the next.
    }
  }
  return null;
}
