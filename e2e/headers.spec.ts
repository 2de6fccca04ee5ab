import { expect, test, type APIResponse, type Page } from "./api-test";
import { newPerson } from "./helpers";

// Every answer carries the security headers set by proxy.ts; pages get a CSP with a fresh nonce, and
// Chromium reports no violation of it while the pages do their work (hydration, server actions).

function expectCommonHeaders(headers: Record<string, string>) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  // Served over plain http here, so no HSTS (it is on in production when APP_URL is https).
  expect(headers["strict-transport-security"]).toBeUndefined();
}

function pageNonce(res: APIResponse | { headers(): Record<string, string> }): string {
  const headers = res.headers();
  expectCommonHeaders(headers);
  const csp = headers["content-security-policy"] ?? "";
  const directives = csp.split(/;\s*/);
  for (const d of ["frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"]) {
    expect(directives).toContain(d);
  }
  const script = directives.find((d) => d.startsWith("script-src "));
  expect(script).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/);
  expect(csp).not.toContain("unsafe-eval");
  expect(script).not.toContain("unsafe-inline");
  return /'nonce-([^']+)'/.exec(script!)![1]!;
}

/** Collects CSP violations: console messages about the policy and securitypolicyviolation events. */
async function watchCsp(page: Page) {
  const messages: string[] = [];
  page.on("console", (m) => {
    if (/content security policy/i.test(m.text())) messages.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return async (): Promise<string[]> => {
    const events = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    return [...messages, ...events];
  };
}

test.describe("security headers", () => {
  test("every page answers with the headers and a nonce that changes per request", async ({ request }) => {
    for (const path of ["/", "/sign-in", "/sign-up", "/no-such-page"]) {
      const first = await request.get(path);
      expect(first.status()).toBe(path === "/no-such-page" ? 404 : 200);
      const second = await request.get(path);
      const a = pageNonce(first);
      const b = pageNonce(second);
      expect(a).not.toBe(b);
      // The nonce in the header is the one on the page's scripts.
      expect(await first.text()).toContain(`nonce="${a}"`);
    }
    const redirect = await request.get("/account", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    pageNonce(redirect);
  });

  test("an API route answers with nosniff, a deny-all CSP and no-store", async ({ request }) => {
    for (const res of [
      await request.get("/api/users/me"),
      await request.post("/api/sessions", { data: { login: "nobody", password: "wrong password" } }),
    ]) {
      expect([400, 401]).toContain(res.status());
      const headers = res.headers();
      expectCommonHeaders(headers);
      expect(headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers["cache-control"]).toBe("no-store");
    }
  });

  test("Chromium sees no CSP violation while signing up, landing on /account and moving around", async ({ page }) => {
    test.slow();
    const violations = await watchCsp(page);
    const person = newPerson("csp");
    for (const path of ["/", "/sign-in", "/no-such-page"]) {
      await page.goto(path);
      await expect(page.getByRole("link", { name: "Accounts", exact: true })).toBeVisible();
    }
    // Client-side navigation needs the hydrated app.
    await page.goto("/");
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/sign-up$/);
    // A server action answering with field errors (useActionState) ...
    await page.getByLabel("Username").fill(person.username);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByLabel("Confirm password").fill(person.password + "x");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("The passwords do not match.")).toBeVisible();
    // ... and one that signs in and redirects.
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByLabel("Confirm password").fill(person.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText(`@${person.username}`).first()).toBeVisible();

    const account = await page.goto("/account");
    expect(account?.status()).toBe(200);
    pageNonce(account!);
    await expect(page.getByText(person.email).first()).toBeVisible();
    // Every other page, signed in.
    for (const path of [
      "/account/profile",
      "/account/security",
      "/account/security/two-factor",
      `/u/${person.username}`,
      "/forgot-password",
      "/verify-email?token=x",
      "/reset-password?token=x",
      "/unlock-sign-in?token=x",
    ]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      if (path.includes("token=")) {
        // Opened from an emailed link: the token in the URL must not leak in a Referer or a cache.
        expect(res!.headers()["referrer-policy"]).toBe("no-referrer");
        expect(res!.headers()["cache-control"]).toContain("no-store");
        expect(res!.headers()["content-security-policy"]).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
      } else {
        pageNonce(res!);
      }
      await expect(page.getByRole("link", { name: "Accounts", exact: true })).toBeVisible();
    }
    expect(await violations()).toEqual([]);
  });

  test("the CSP watcher does see a violation (so the test above can fail)", async ({ page }) => {
    // An injected inline script without the nonce, as an XSS would add it, in the real page and header.
    await page.route("**/sign-in", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace("</body>", "<script>window.__injected = 1</script></body>");
      await route.fulfill({ response, body: html });
    });
    const violations = await watchCsp(page);
    await page.goto("/sign-in");
    await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  });
});
