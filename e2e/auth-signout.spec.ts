import { expect, test } from "@playwright/test";
import { signInWithForm, signUpApi } from "./helpers";

// Auth.js's own sign-out endpoint (POST /api/auth/signout with its CSRF token) must end the session
// row, not only clear the cookie: a copy of the cookie taken before is then worth nothing.
test("POST /api/auth/signout deletes the session: the cookie from before is signed out on /account", async ({
  page,
  request,
  baseURL,
  browser,
}) => {
  const { person } = await signUpApi(request);
  await page.goto("/sign-in");
  await signInWithForm(page, person.username, person.password);
  await expect(page).toHaveURL(`${baseURL}/account`);
  const before = await page.context().cookies();
  const session = before.find((c) => c.name.endsWith("accounts.session"));
  expect(session).toBeTruthy();

  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const out = await page.request.post("/api/auth/signout", {
    form: { csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect([200, 302, 303]).toContain(out.status());

  // A fresh browser holding only the old session cookie.
  const thief = await browser.newContext();
  await thief.addCookies([session!]);
  const res = await thief.request.get("/account", { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers()["location"]).toContain("/sign-in");
  await thief.close();

  // And the activity list records the sign-out.
  await page.goto("/sign-in");
  await signInWithForm(page, person.username, person.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/account/security/activity");
  await expect(page.getByText(/signed out/i).first()).toBeVisible();
});
