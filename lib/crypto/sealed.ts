import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "../env";

/** What a sealed value is for: each purpose has its own key, so one can never be opened as another. */
export type SealPurpose = "totp-secret" | "mail-outbox";

const VERSION = "v1";

function keyFor(purpose: SealPurpose, secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "accounts.sealed", `seal:${purpose}`, 32));
}

/**
 * AES-256-GCM under a key derived from AUTH_SECRET with HKDF and the purpose as its label:
 * `v1.<iv>.<ciphertext>.<tag>` (base64url). The purpose is also the additional data.
 */
export function seal(purpose: SealPurpose, plaintext: string, secret = getEnv().AUTH_SECRET): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, secret), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The plaintext, or null when the value was not sealed for this purpose under this secret (or was altered). */
export function open(purpose: SealPurpose, sealed: string, secret = getEnv().AUTH_SECRET): string | null {
  const [version, iv, body, tag, extra] = sealed.split(".");
  if (version !== VERSION || !iv || body === undefined || !tag || extra !== undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose, secret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
