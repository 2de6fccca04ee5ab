import { expect, test } from "./api-test";

// CVE-2025-29927: a client-sent x-middleware-subrequest header once made Next.js skip middleware.
// Pages and route handlers check the caller themselves, so skipping proxy.ts must change nothing.
const BYPASS = [
  "middleware:middleware:middleware:middleware:middleware",
  "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
  "proxy:proxy:proxy:proxy:proxy",
  "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy",
  "middleware",
  "proxy",
];

test.describe("authorisation never depends on proxy.ts", () => {
  for (const value of BYPASS) {
    test(`x-middleware-subrequest: ${value}`, async ({ request }) => {
      const headers = { "x-middleware-subrequest": value };
      // No cookie: proxy.ts or the page redirects.
      const page = await request.get("/account", { headers, maxRedirects: 0 });
      expect(page.status()).toBe(307);
      expect(page.headers()["location"]).toMatch(/^\/sign-in\?callbackUrl=(%2F|\/)account$/);
      // A cookie is there (so proxy.ts lets it through), but it is not a session: the page refuses.
      const withCookie = await request.get("/account", {
        headers: { ...headers, cookie: "accounts.session=not-a-session" },
        maxRedirects: 0,
      });
      expect(withCookie.status()).toBe(307);
      expect(withCookie.headers()["location"]).toMatch(/^\/sign-in\?callbackUrl=(%2F|\/)account$/);
      const api = await request.get("/api/users/me", { headers });
      expect(api.status()).toBe(401);
      const apiWithCookie = await request.get("/api/users/me", {
        headers: { ...headers, cookie: "accounts.session=not-a-session" },
      });
      expect(apiWithCookie.status()).toBe(401);
    });
  }
});
