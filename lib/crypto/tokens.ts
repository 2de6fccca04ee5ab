import "server-only";
import { hash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url: the form every session, reset and verification token takes. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

/**
 * SHA-256, base64url: what is stored in place of a token. The one-shot `hash` (every authenticated request
 * hashes its token) costs a quarter of a Hash object's create, update and digest.
 */
export function hashToken(token: string): string {
  return hash("sha256", token, "base64url");
}

/** A well-formed token is exactly 43 base64url characters; anything else is refused before hashing. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
