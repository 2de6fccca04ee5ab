/**
 * The security headers that are the same on every answer, pages and API alike. Plain JavaScript so that
 * next.config.mjs (API answers) and lib/http/security-headers.ts (pages, through proxy.ts) share one copy.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const FIXED_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy":
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), publickey-credentials-create=(self), publickey-credentials-get=(self)",
  "Cross-Origin-Opener-Policy": "same-origin",
};
