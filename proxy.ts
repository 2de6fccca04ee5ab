import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/auth/config";
import { publishedEnv } from "@/lib/env-published";
import { crossSiteAction } from "@/lib/http/cross-site";
import { newNonce, pageCsp, securityHeaders, type HeaderOptions } from "@/lib/http/security-headers";

/**
 * Runs before every page request (not the API, not static files): sets the security headers with a
 * fresh CSP nonce, and sends a visitor with no session cookie from /account to the sign-in page.
 * API answers get theirs from next.config.mjs: through a proxy, Next.js would buffer each request body
 * (up to 10 MB) before the route handler's streamed 64 KiB cap could refuse it.
 *
 * This is comfort, never the security check: a proxy can be skipped (CVE-2025-29927), so every page,
 * action and route handler asks lib/auth itself who is calling.
 */
export async function proxy(request: NextRequest) {
  // The environment start-up validated; the validator (zod) and the logger load only where there was none.
  const env = publishedEnv() ?? (await import("@/lib/env")).getEnv();
  const opts: HeaderOptions = {
    dev: env.NODE_ENV === "development",
    https: env.NODE_ENV === "production" && Boolean(env.APP_URL?.startsWith("https:")),
  };
  const { pathname, search } = request.nextUrl;

  const nonce = newNonce();
  const headers = securityHeaders(pageCsp(nonce, opts), opts);

  // A server action posted from another site: Next.js would refuse it too, but as a 500 error page.
  const crossSite = crossSiteAction(request.method, request.headers);
  if (crossSite.refused) {
    const { log } = await import("@/lib/log");
    log.warn("refused cross-site request", { path: pathname, origin: crossSite.origin, host: crossSite.host });
    const refused = new NextResponse("This form was sent from another site, so it was refused.\n", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
    return withHeaders(refused, headers);
  }
  if (TOKEN_PAGES.has(pathname)) {
    // Opened from an emailed link with the token in the URL: never leak it in a Referer or a cache.
    headers["Referrer-Policy"] = "no-referrer";
    headers["Cache-Control"] = "no-store";
  }

  if ((pathname === "/account" || pathname.startsWith("/account/")) && !hasSessionCookie(request)) {
    const target = new URL("/sign-in", request.url);
    target.searchParams.set("callbackUrl", pathname + search);
    return withHeaders(NextResponse.redirect(target), headers);
  }

  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

const TOKEN_PAGES = new Set([
  "/verify-email",
  "/reset-password",
  "/unlock-sign-in",
  "/sign-in/email/link",
  "/secure-account",
  "/invitations/accept",
]);

/** Only whether a session cookie is there: whether it is valid is for the page to find out. */
function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.has(sessionCookieName(false)) || request.cookies.has(sessionCookieName(true));
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: not the API (see above), Next.js's static files or the favicon.
  matcher: ["/((?!api/|api$|_next/static|_next/image|favicon.ico).*)"],
};
