import { expect, test } from "./api-test";
import { signInWithForm, signUpApi } from "./helpers";

// A callbackUrl that points anywhere but a path on this site lands on /account after signing in.
const PAYLOADS = [
  "//evil.example",
  "https://evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/%2F%2Fevil.example",
  "javascript:alert(1)",
  "http:evil.example",
  "/.//evil.example/x",
  "/%2e%2e//evil.example/x",
];

test.describe("open redirects", () => {
  for (const payload of PAYLOADS) {
    test(`callbackUrl ${payload} lands on /account on this site`, async ({ page, request, baseURL }) => {
      const { person } = await signUpApi(request);
      await page.goto("/sign-in?callbackUrl=" + encodeURIComponent(payload));
      await signInWithForm(page, person.username, person.password);
      await expect(page).toHaveURL(`${baseURL}/account`);
      await expect(page.getByText(`@${person.username}`).first()).toBeVisible();
    });
  }

  test("a signed-in visitor sent to /sign-in with a foreign callbackUrl stays on this site", async ({
    page,
    request,
    baseURL,
  }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(`${baseURL}/account`);
    for (const payload of PAYLOADS) {
      await page.goto("/sign-in?callbackUrl=" + encodeURIComponent(payload));
      await expect(page).toHaveURL(`${baseURL}/account`);
    }
  });

  test("with a session, GET /sign-in?callbackUrl=/.//evil.example/x answers a redirect to /account, not //evil.example", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    for (const payload of [
      "/.//evil.example/x",
      "/a/..//evil.example/x",
      "/%2e//evil.example/x",
      "/./\\evil.example/x",
    ]) {
      const res = await page.request.get("/sign-in?callbackUrl=" + encodeURIComponent(payload), { maxRedirects: 0 });
      expect(res.status(), payload).toBe(307);
      expect(res.headers()["location"], payload).toBe("/account");
    }
  });
});

// Auth.js's own endpoints write URLs (the sign-in page's callbackUrl, redirects, error pages, the providers'
// URLs, the callback-url cookie). Every one is on APP_URL's origin (here http://127.0.0.1:<port>), whatever
// Host or X-Forwarded-Host the request carries; Next.js once turned the loopback host into "localhost".
test.describe("Auth.js's URLs are APP_URL's", () => {
  const FORGED: Record<string, string>[] = [
    {},
    { host: "localhost" },
    { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
  ];

  /** Every absolute http(s) URL in an answer: Location, Set-Cookie values and the body (also URL-encoded). */
  async function urlsIn(res: Response): Promise<string[]> {
    const text = [res.headers.get("location") ?? "", ...res.headers.getSetCookie(), await res.text()].join("\n");
    const decoded = text.replace(/%[0-9A-Fa-f]{2}/g, (m) => decodeURIComponent(m));
    return [...decoded.matchAll(/https?:\/\/[^\s"'<>&;,)]+/g)].map((m) => m[0]);
  }

  const cookieHeader = (res: Response, before = "") =>
    [before, ...res.headers.getSetCookie().map((c) => c.split(";")[0])].filter(Boolean).join("; ");

  test("signin, signout, callback, csrf, session, providers and error write only APP_URL's origin", async ({
    baseURL,
    request,
  }) => {
    const origin = new URL(baseURL!).origin;
    const port = new URL(baseURL!).port;
    const { person } = await signUpApi(request);
    const seen: string[] = [];
    for (const forged of FORGED) {
      const headers = { ...forged, ...(forged.host ? { host: `${forged.host}:${port}` } : {}) };
      const get = (path: string, cookie = "") =>
        fetch(baseURL + path, { headers: { ...headers, cookie }, redirect: "manual" });
      const post = (path: string, form: Record<string, string>, cookie: string) =>
        fetch(baseURL + path, {
          method: "POST",
          headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(form).toString(),
          redirect: "manual",
        });
      const answers: Response[] = [];
      const signin = await get("/api/auth/signin?callbackUrl=%2Faccount");
      expect(signin.status).toBe(302);
      answers.push(signin, await get("/api/auth/signin"), await get("/api/auth/providers"));
      answers.push(await get("/api/auth/session"), await get("/api/auth/error?error=Configuration"));
      const csrf = await get("/api/auth/csrf");
      let cookie = cookieHeader(csrf);
      const { csrfToken } = (await csrf.clone().json()) as { csrfToken: string };
      answers.push(csrf);
      const wrong = await post(
        "/api/auth/callback/credentials",
        { csrfToken, login: person.username, password: "not the password at all", callbackUrl: "/account" },
        cookie,
      );
      expect(wrong.status).toBe(302);
      answers.push(wrong);
      const right = await post(
        "/api/auth/callback/credentials",
        { csrfToken, login: person.username, password: person.password, callbackUrl: "/account" },
        cookie,
      );
      expect(right.status).toBe(302);
      expect(right.headers.get("location")).toBe(`${origin}/account`);
      cookie = cookieHeader(right.clone(), cookie);
      answers.push(right, await get("/api/auth/signout", cookie));
      const out = await post("/api/auth/signout", { csrfToken, callbackUrl: "/" }, cookie);
      expect(out.status).toBe(302);
      answers.push(out);
      for (const res of answers) {
        for (const url of await urlsIn(res)) {
          seen.push(url);
          expect(new URL(url).origin, `${res.url} (${JSON.stringify(forged)}) wrote ${url}`).toBe(origin);
        }
      }
    }
    // The check is not empty: redirects, cookies and the providers' URLs carried absolute URLs.
    expect(seen.length).toBeGreaterThan(10);
  });
});
