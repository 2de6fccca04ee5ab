import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * The sealing itself, under a secret the caller names: no environment, no `server-only`, nothing of ours
 * imported. lib/crypto/sealed.ts is what lib/ calls (AUTH_SECRET's secrets by default); the Playwright helpers
 * (e2e/webhook-receiver.ts) load this file to write a sealed row that the running server opens, so the format
 * is written once.
 */

/** What a sealed value is for: each purpose has its own key, so one can never be opened as another. */
export type SealPurpose = "totp-secret" | "mail-outbox" | "identity-pending" | "identity-intent" | "webhook-secret";

const VERSION = "v1";

function keyFor(purpose: SealPurpose, secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "accounts.sealed", `seal:${purpose}`, 32));
}

/**
 * AES-256-GCM under a key derived from `secret` with HKDF and the purpose as its label:
 * `v1.<iv>.<ciphertext>.<tag>` (base64url). The purpose is also the additional data.
 */
export function sealUnder(purpose: SealPurpose, plaintext: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, secret), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/**
 * The plaintext and which of `secrets` opened it (0: the first), or null when the value was not sealed for this
 * purpose under any of them (or was altered). Each is tried in order; GCM's tag tells a wrong key from the right one.
 */
export function openUnder(
  purpose: SealPurpose,
  sealed: string,
  secrets: readonly string[],
): { plaintext: string; index: number } | null {
  const [version, iv, body, tag, extra] = sealed.split(".");
  if (version !== VERSION || !iv || body === undefined || !tag || extra !== undefined) return null;
  for (const [index, secret] of secrets.entries()) {
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
