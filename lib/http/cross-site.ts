/**
 * A POST that Next.js would treat as a server action (a `Next-Action` header, or a multipart form
 * posted without JavaScript) from another site. Next.js compares the `Origin` header's host with
 * `X-Forwarded-Host` (its first value), else `Host`, and refuses a mismatch — but as a 500 error page,
 * logged as an error. proxy.ts asks this first, with the same rule, and answers 403 instead, logged as
 * a refused cross-site request. A request with no Origin (a program, an old browser) is left to
 * Next.js, which lets it through as it always did: it carries no one else's cookies.
 */
export type CrossSiteVerdict = { refused: false } | { refused: true; origin: string; host: string | null };

export function crossSiteAction(method: string, headers: Headers): CrossSiteVerdict {
  if (method !== "POST") return { refused: false };
  const contentType = headers.get("content-type") ?? "";
  const possibleAction = headers.has("next-action") || contentType.startsWith("multipart/form-data");
  if (!possibleAction) return { refused: false };
  const origin = headers.get("origin");
  if (origin === null || origin === "") return { refused: false };
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return { refused: true, origin: origin.slice(0, 100), host };
  }
  return originHost === host ? { refused: false } : { refused: true, origin: origin.slice(0, 100), host };
}

/**
 * Whether a request that carries a browser's session cookie may use it (the JSON routes the pages
 * call themselves, lib/auth/authenticated-route.ts#signedInRoute), by Next.js's own rule for server actions:
 * an `Origin` must name this request's host (`X-Forwarded-Host`'s first value, else `Host`); a request
 * without one passes, as it does for Next.js (it is no browser's cross-site request: those carry an
 * Origin). The browser's own word counts too: `Sec-Fetch-Site: cross-site` or `same-site` is refused,
 * for reads as well. The session cookie is SameSite=Lax, and JSON bodies need a CORS preflight from
 * elsewhere; this check does not depend on either.
 */
export function sameOriginRequest(method: string, headers: Headers): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return false;
  const origin = headers.get("origin");
  if (origin === null || origin === "") return true;
  if (method === "GET" || method === "HEAD") return true; // a read is never a change; CORS keeps its answer
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  try {
    return origin !== "null" && new URL(origin).host === host;
  } catch {
    return false;
  }
}
