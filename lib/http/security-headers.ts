import { API_CSP, FIXED_SECURITY_HEADERS } from "./static-headers.mjs";

/**
 * The security headers every response carries (set by proxy.ts). Pure functions of their options,
 * so they are unit-tested without a server.
 *
 * Pages get a Content-Security-Policy with a fresh nonce per request: Next.js reads the nonce from the
 * request's CSP header and puts it on its own scripts, and 'strict-dynamic' lets those load the rest.
 * JSON answers get a policy that allows nothing.
 */
export type HeaderOptions = {
  /** `next dev`: React needs eval for its error overlay, and dev styles are injected inline. */
  dev: boolean;
  /** The site is served over https (APP_URL https in production): HSTS and upgrade-insecure-requests. */
  https: boolean;
};

export { API_CSP };

/** 128 random bits, base64: unguessable and different on every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function pageCsp(nonce: string, opts: HeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Tailwind's CSS is a file ('self'); Next.js puts the nonce on any <style> it writes. `style="…"`
    // attributes (React's style prop, e.g. the avatar's size) cannot carry a nonce; they run no script.
    `style-src 'self' ${opts.dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    // Avatars are any http(s) URL the person chose.
    "img-src 'self' data: blob: https: http:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Headers for every response; `csp` is the page policy or API_CSP. */
export function securityHeaders(csp: string, opts: HeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": csp,
    ...FIXED_SECURITY_HEADERS,
    ...(opts.https && !opts.dev ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
