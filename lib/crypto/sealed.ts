import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "../env";

/**
 * Secrets kept at rest encrypted: AES-256-GCM under a key derived from AUTH_SECRET with HKDF-SHA256
 * and a purpose label of the caller's (`mail-outbox`, …), so one purpose's key never opens another's.
 * The purpose is also the GCM additional data. Sealed text: `v1.<base64url(iv ‖ tag ‖ ciphertext)>`.
 */
const VERSION = "v1";
const keys = new Map<string, Buffer>();

function keyFor(purpose: string): Buffer {
  const secret = getEnv().AUTH_SECRET;
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "accounts.sealed", `accounts:sealed:${purpose}`, 32));
    keys.set(cacheKey, key);
  }
  return key;
}

export function seal(purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The plaintext, or null when the text was not sealed for this purpose under this secret (or was altered). */
export function open(purpose: string, sealed: string): string | null {
  const [version, data] = sealed.split(".");
  if (version !== VERSION || !data) return null;
  const raw = Buffer.from(data, "base64url");
  if (raw.length < 28) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose, "utf8"));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
