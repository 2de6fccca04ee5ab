/**
 * Reading a provider's answer defensively: every claim is untrusted input of any type and size. Shared by the
 * GitHub and Google presets.
 */

/** A trimmed non-empty string of at most `max` characters, or null. */
export const text = (v: unknown, max: number): string | null =>
  typeof v === "string" && v.trim() !== "" && v.length <= max ? v.trim() : null;

/** An address short and plain enough to be one, lower-cased (the sign-in checks it again before using it). */
export const address = (v: unknown): string | null => {
  const s = text(v, 254);
  return s && /^[^\s@]+@[^\s@]+$/.test(s) ? s.toLowerCase() : null;
};

/** An https URL (a picture), or null: never javascript:, data: or a huge string. */
export function httpsUrl(v: unknown): string | null {
  const s = text(v, 2000);
  if (!s) return null;
  try {
    return new URL(s).protocol === "https:" ? s : null;
  } catch {
    return null;
  }
}

/**
 * The payload of an ID token that Auth.js (oauth4webapi) has already validated in this callback (signature,
 * issuer, audience, expiry, nonce); read only for the claims userinfo does not repeat (`auth_time`).
 */
export function idTokenClaims(idToken: unknown): Record<string, unknown> {
  if (typeof idToken !== "string") return {};
  const payload = idToken.split(".")[1];
  if (!payload || payload.length > 64_000) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
