/**
 * A callbackUrl is honoured only when it is a path on this site. It is normalised first — resolved
 * against a dummy origin, which collapses dot segments (also `%2e`, `%2E`) the way a browser or the
 * redirect would — and then the *normalised* path is checked: one leading "/", never "//" or "/\",
 * no scheme, no control characters, and the same once percent-decoded and normalised again (so a
 * proxy or server that decodes the path once more, `/%2F%2Fevil.example` or `/.%2F/evil.example`,
 * cannot turn it into another host). Checking before normalising let `/.//evil.example` through as
 * `//evil.example`. Anything else lands on the fallback.
 */
const BASE = "http://site.invalid";
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\\]/;

/** The path as a browser would request it after following the redirect, or null when off-site. */
function normalise(value: string): string | null {
  try {
    const url = new URL(value, BASE);
    return url.origin === BASE ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

function looksLikeLocalPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") && !CONTROL_OR_BACKSLASH.test(path);
}

function isSafePath(path: string): boolean {
  if (!looksLikeLocalPath(path)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  if (!looksLikeLocalPath(decoded)) return false;
  const again = normalise(decoded);
  return again !== null && looksLikeLocalPath(again);
}

export function safeRedirectPath(value: unknown, fallback = "/account"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  // The raw value must already look like a path: no backslash or control character that the URL
  // parser would quietly turn into "/" or drop.
  if (!isSafePath(value)) return fallback;
  // Then the path as it will be sent: `/a/..//x` has become `//x` here.
  const normalised = normalise(value);
  return normalised !== null && isSafePath(normalised) ? normalised : fallback;
}
