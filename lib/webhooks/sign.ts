import { createHmac, randomBytes } from "node:crypto";

/**
 * Standard Webhooks signatures: `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`, keyed with the
 * bytes of the secret's base64 part after `whsec_`. During a rotation every live secret signs and the
 * signatures are joined by a space, so a receiver holding either secret verifies (its library tries each).
 */
export const SECRET_PREFIX = "whsec_";

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The `webhook-signature` header: one signature per secret (newest first), space-separated. */
export function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((secret) => sign(secret, id, timestamp, body)).join(" ");
}

/**
 * A new signing secret: `whsec_` + base64 of 32 random bytes (what Standard Webhooks' libraries expect). Pure, so
 * the test receivers (vitest/, e2e/) make theirs here too.
 */
export const newWebhookSecret = () => `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
