import "server-only";
import { getEnv } from "../env";
import { openUnder, sealUnder, type SealPurpose } from "./seal-cipher";

export type { SealPurpose };

/**
 * Secrets read back (TOTP secrets, mail with links, webhook secrets …), sealed with AES-256-GCM under a key
 * derived from AUTH_SECRET by HKDF with the purpose as its label (lib/crypto/seal-cipher.ts holds the format).
 * Always sealed under the newest secret (AUTH_SECRET lists them newest first, lib/env.ts).
 */
export function seal(purpose: SealPurpose, plaintext: string, secret = getEnv().AUTH_SECRETS[0]): string {
  return sealUnder(purpose, plaintext, secret);
}

/**
 * The plaintext, or null when the value was not sealed for this purpose under any of the secrets (or
 * was altered). Every secret of AUTH_SECRET is tried, newest first, so a value sealed before a rotation
 * (or by an instance still on the old secret) opens.
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
  return openUnder(purpose, sealed, typeof secrets === "string" ? [secrets] : secrets);
}
