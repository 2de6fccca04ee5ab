import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { newPerson, RUN_DIR, signInWithForm, signUpApi, waitForMail } from "./helpers";
import { portFor, startAppServer } from "./servers";

/**
 * Issue 28's way in through a real OpenID provider (e2e/oidc-provider.mjs, started by playwright.config.ts
 * at E2E_PORT + 90 as "Test ID"): the whole redirect dance in Chromium. The provider's login form takes any
 * login, which names the account: `sub`, `sub|email|verified|unverified`, or `sub|-` (no email claim).
 */
const PROVIDER = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 90}`;
const BUTTON = "Continue with Test ID";
const sub = (prefix: string) => `${prefix}${randomBytes(4).toString("hex")}`;

/** At the provider: its login form, then (first time) its consent. Ends back on this site. */
async function atProvider(page: Page, login: string) {
  await page.waitForURL((url) => url.href.startsWith(PROVIDER));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  await page.waitForURL((url) => !url.href.startsWith(PROVIDER) || url.pathname.startsWith("/interaction/"));
  if (page.url().startsWith(PROVIDER) && (await consent.isVisible().catch(() => false))) await consent.click();
  await page.waitForURL((url) => !url.href.startsWith(PROVIDER));
}

async function continueWithProvider(page: Page, login: string, from = "/sign-in") {
  await page.goto(from);
  await page.getByRole("button", { name: BUTTON }).click();
  await atProvider(page, login);
}

async function signOut(page: Page) {
  await page.context().clearCookies({ name: /session/ });
}

test("a first sign-in makes an account without a password; the next one finds it; the activity says so", async ({
  page,
}) => {
  const login = sub("ida");
  await continueWithProvider(page, login);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`@${login}`).first()).toBeVisible();
  await signOut(page);
  await continueWithProvider(page, login);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/account/security/activity");
  await expect(page.getByText("Signed in with Test ID").first()).toBeVisible();
});

test("the sign-up page offers the provider too", async ({ page }) => {
  await page.goto("/sign-up");
  await expect(page.getByRole("button", { name: BUTTON })).toBeVisible();
});

test("an email that is an account's is never linked silently: sign in to that account first, then it is connected", async ({
  page,
  request,
}) => {
  const { person } = await signUpApi(request, newPerson("idl"));
  const login = `${sub("idl")}|${person.email}|unverified`;
  await continueWithProvider(page, login);
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText(`An account with the email address ${person.email} already exists`)).toBeVisible();
  await expectAccessible(page, "the sign-in page with a pending link");
  // Nothing was signed in or connected yet.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in/);
  await signInWithForm(page, person.username, person.password);
  await expect(page).toHaveURL(/\/account$/);
  await waitForMail(person.email, /Test ID sign-in was connected/);
  await page.goto("/account/security/activity");
  await expect(page.getByText("Connected account added (Test ID)")).toBeVisible();
  // The identity now signs in to that account.
  await signOut(page);
  await continueWithProvider(page, login);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`@${person.username}`).first()).toBeVisible();
});

test("an identity without an email claim cannot make an account, and the page says why", async ({ page }) => {
  await continueWithProvider(page, `${sub("ne")}|-`);
  await expect(page).toHaveURL(/\/sign-in\?error=identity_no_email/);
  await expect(page.getByText("Test ID did not share an email address")).toBeVisible();
});

test("consent denied at the provider ends on the sign-in page with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  // The provider answers "access_denied" to the authorization request, as when the person refuses.
  await page.route(`${PROVIDER}/auth?**`, async (route) => {
    const url = new URL(route.request().url());
    const back = new URL(url.searchParams.get("redirect_uri")!);
    back.searchParams.set("error", "access_denied");
    back.searchParams.set("state", url.searchParams.get("state")!);
    back.searchParams.set("iss", PROVIDER);
    await route.fulfill({ status: 302, headers: { location: back.href } });
  });
  await page.getByRole("button", { name: BUTTON }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=/);
  await expect(page.getByText("Signing in with Test ID was cancelled or refused")).toBeVisible();
});

test("a replayed callback, and one without its state cookie, end on the sign-in page, signed out", async ({ page }) => {
  let callback = "";
  page.on("request", (r) => {
    if (r.url().includes("/api/auth/callback/oidc")) callback = r.url();
  });
  await continueWithProvider(page, sub("rp"));
  await expect(page).toHaveURL(/\/account$/);
  expect(callback).toContain("code=");
  await signOut(page);
  await page.goto(callback);
  await expect(page).toHaveURL(/\/sign-in\?error=/);
  await expect(page.getByText("did not finish")).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in/);

  // A fresh round trip whose state and PKCE cookies are gone before the provider answers.
  await page.goto("/sign-in");
  await page.getByRole("button", { name: BUTTON }).click();
  await page.waitForURL((url) => url.href.startsWith(PROVIDER));
  await page.context().clearCookies({ name: /state|pkce|nonce/ });
  await atProvider(page, sub("rp"));
  await expect(page).toHaveURL(/\/sign-in\?error=/);
  await expect(page.getByText("did not finish")).toBeVisible();
});

test("a provider that cannot be reached is said in the form, and the log says why", async ({ browser }) => {
  test.setTimeout(120_000);
  // A server of its own whose provider is a port where nothing listens (E2E_PORT + 89).
  const server = await startAppServer(portFor(88), {
    PGLITE_DIR: path.join(RUN_DIR, `pglite-idp-down-${Date.now()}`),
    DATABASE_URL: "",
    OIDC_ISSUER: `http://127.0.0.1:${portFor(89)}`,
    OIDC_CLIENT_ID: "accounts-e2e",
    OIDC_CLIENT_SECRET: "accounts-e2e-secret",
    OIDC_NAME: "Down ID",
  });
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Continue with Down ID" }).click();
    await expect(page.getByText("Down ID could not be reached just now.")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);
    await context.close();
  } finally {
    expect(await server.stop()).toBe(0);
  }
});
