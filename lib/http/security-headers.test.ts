import { describe, expect, it } from "vitest";
import { API_CSP, newNonce, pageCsp, securityHeaders } from "./security-headers";

const prod = { dev: false, https: false };

describe("security headers", () => {
  it("makes a different, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("builds a production page policy with the nonce, strict-dynamic and no inline or eval scripts", () => {
    const csp = pageCsp("abc", prod);
    const script = csp.split("; ").find((d) => d.startsWith("script-src "));
    expect(script).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp.split("; ").find((d) => d.startsWith("style-src "))).toBe("style-src 'self' 'nonce-abc'");
    for (const d of ["frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"]) {
      expect(csp.split("; ")).toContain(d);
    }
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("allows eval and inline styles only in development", () => {
    const csp = pageCsp("abc", { dev: true, https: false });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
  });

  it("sends HSTS only in production over https", () => {
    expect(securityHeaders(API_CSP, prod)["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders(API_CSP, { dev: true, https: true })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders(API_CSP, { dev: false, https: true })["Strict-Transport-Security"]).toMatch(
      /^max-age=\d{8,}/,
    );
    expect(pageCsp("abc", { dev: false, https: true })).toContain("upgrade-insecure-requests");
  });

  it("always sends nosniff, a referrer policy and a permissions policy", () => {
    const h = securityHeaders(API_CSP, prod);
    expect(h).toMatchObject({
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(h["Permissions-Policy"]).toContain("camera=()");
  });
});

describe("next.config.mjs", () => {
  it("sends the API the same headers as securityHeaders(API_CSP)", async () => {
    const config = await import("../../next.config.mjs");
    expect(config.API_SECURITY_HEADERS).toEqual(securityHeaders(API_CSP, prod));
    const rules = await config.default.headers!();
    expect(rules).toContainEqual(expect.objectContaining({ source: "/api/:path*" }));
  });
});
