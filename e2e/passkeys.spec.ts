import { randomBytes } from "node:crypto";
import path from "node:path";
import {
  request as playwrightRequest,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { generateSync } from "otplib";
import { SoftAuthenticator } from "../vitest/soft-authenticator";
import { unfoldTries } from "../vitest/tries";
import { expectAccessible } from "./a11y";
import { checkedRequest, expect, test } from "./api-test";
import { expectProblem, newPerson, remember, RUN_DIR, signInWithForm, signOutWithMenu, waitForMail } from "./helpers";
import { addPasskey, virtualAuthenticator, withoutAutofill } from "./passkeys";
import { portFor, RAISED_ADDRESS_LIMITS, startAppServer, type AppServer } from "./servers";

/**
 * Passkeys in a real Chromium, through its virtual authenticator. WebAuthn refuses an IP address as
 * the relying party, so this spec has a server of its own at http://localhost (APP_URL), on a fresh
 * PGlite. REAUTH_MINUTES is 0.1 (6 s), so a test can wait for the re-authentication window to pass;
 * TRUST_PROXY lets each API test count its limits from an address of its own (X-Forwarded-For).
 */
const PORT = portFor(45);
const BASE = `http://localhost:${PORT}`;
const SMTP_PORT = Number(process.env.E2E_PORT ?? 3100) + 22;
const REAUTH_MS = 6_000;

let server: AppServer;
let api: APIRequestContext;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  server = await startAppServer(PORT, {
    APP_URL: BASE,
    PGLITE_DIR: path.join(RUN_DIR, `pglite-passkeys-${randomBytes(4).toString("hex")}`),
    DATABASE_URL: "",
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    TRUST_PROXY: "1",
    REAUTH_MINUTES: "0.1",
    ...RAISED_ADDRESS_LIMITS,
    LIMIT_PASSKEY_OPTIONS_IP: "40/600",
    // The pages all ask from 127.0.0.1; the flood below is refused by the rate limit, not this cap.
    PASSKEY_CHALLENGES_PER_CLIENT: "1000",
  });
  api = await checkedRequest(await playwrightRequest.newContext({ baseURL: BASE }), BASE);
});
test.afterAll(async () => {
  await api?.dispose();
  await server?.stop();
});

const fromAddress = () => ({ "X-Forwarded-For": `203.0.113.${1 + Math.floor(Math.random() * 250)}` });

async function signUp() {
  const person = newPerson("pk");
  expect((await api.post("/api/users", { data: person, headers: fromAddress() })).status()).toBe(201);
  return person;
}

async function tokenOf(login: string, password: string) {
  const res = await api.post("/api/sessions", { data: { login, password }, headers: fromAddress() });
  expect(res.status()).toBe(201);
  return remember((await res.json()).token as string);
}

/** A browser page at the passkey server, signed in with the password, on /account/security/passkeys, with an authenticator. */
async function signedInPage(
  browser: Browser,
  person: { username: string; password: string },
  opts = { autofill: true },
) {
  const context = await browser.newContext({ baseURL: BASE });
  if (!opts.autofill) await withoutAutofill(context);
  const page = await context.newPage();
  const authenticator = await virtualAuthenticator(page);
  await page.goto("/sign-in");
  await signInWithForm(page, person.username, person.password);
  await page.waitForURL("**/account");
  await page.goto("/account/security/passkeys");
  return { context, page, authenticator };
}

async function signOut(page: Page) {
  await signOutWithMenu(page);
  await page.waitForURL((url) => !url.pathname.startsWith("/account"));
}

const passkeysPanel = (page: Page) => page.getByRole("region", { name: "Passkeys" });

type SignInOptions = { challenge: string; rpId?: string; binding: string };

/** A program's passkey sign-in options: the challenge, and the `binding` it must send back with the answer. */
async function apiOptions(headers: Record<string, string>): Promise<SignInOptions> {
  const res = await api.post("/api/sessions/passkey/options", { headers });
  expect(res.status()).toBe(200);
  expect(res.headers()["set-cookie"]).toBeUndefined();
  const options = await res.json();
  expect(options.binding).toMatch(/^[A-Za-z0-9_-]{43}$/);
  remember(options.binding); // the log audit looks for it
  return options;
}

const apiSignIn = (options: SignInOptions, response: unknown, headers: Record<string, string>) =>
  api.post("/api/sessions/passkey", { data: { response, binding: options.binding }, headers });

test("add a passkey, sign out, sign in with the button: two-factor's code step is skipped", async ({ browser }) => {
  const person = await signUp();
  const { context, page } = await signedInPage(browser, person, { autofill: false });
  await addPasskey(page, person.password, "My laptop");
  const item = passkeysPanel(page).getByRole("listitem", { name: "My laptop" });
  await expect(item).toContainText("This device only");
  await expect(item).toContainText("never used");
  await waitForMail(person.email, /A passkey was added/);
  await expectAccessible(page, "security page with a passkey");

  // Two-factor on (through the API): a password sign-in would now ask for a code; a passkey does not.
  const token = await tokenOf(person.username, person.password);
  const headers = { Authorization: `Bearer ${token}` };
  const { secret } = await (await api.post("/api/users/me/totp", { headers })).json();
  remember(secret);
  const code = generateSync({ secret });
  expect((await api.post("/api/users/me/totp/confirm", { headers, data: { code } })).status()).toBe(200);

  await signOut(page);
  await page.goto("/sign-in?callbackUrl=/account/security/passkeys");
  await expect(page.getByLabel("Username or email")).toHaveAttribute("autocomplete", "username webauthn");
  // The sign-in form keeps the page's one status region; the passkey button's messages are alerts.
  await expect(page.getByRole("status")).toHaveCount(1);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL("**/account/security/passkeys");
  await expect(passkeysPanel(page).getByRole("listitem", { name: "My laptop" })).toContainText("last used");
  await page.goto("/account/security/activity");
  await expect(page.getByText("Signed in with a passkey").first()).toBeVisible();
  await context.close();
});

test("passkey autofill on the username field signs in at once", async ({ browser }) => {
  const person = await signUp();
  const { context, page } = await signedInPage(browser, person);
  await addPasskey(page, person.password);
  // Named after the browser it was added in.
  await expect(passkeysPanel(page).getByRole("listitem", { name: /^Chrome on / })).toBeVisible();
  await signOut(page);
  await page.goto("/sign-in");
  // The page's conditional request is answered by the authenticator's one passkey for this site.
  await page.waitForURL("**/account");
  await context.close();
});

test("re-authenticate with a passkey, rename it, remove it; a removed passkey is refused", async ({ browser }) => {
  test.setTimeout(90_000);
  const person = await signUp();
  const { context, page } = await signedInPage(browser, person, { autofill: false });
  await addPasskey(page, person.password, "Old name");
  const panel = passkeysPanel(page);

  await panel.getByRole("button", { name: "Rename Old name" }).click();
  await expectAccessible(page, "renaming a passkey");
  await panel.getByLabel("New name").fill("Desk key");
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel.getByText("Renamed to “Desk key”.")).toBeVisible();
  await expect(panel.getByRole("listitem", { name: "Desk key" })).toBeVisible();

  // Past the re-authentication window, removing asks for a proof: the passkey gives it, and the removal
  // carries on by itself.
  await page.waitForTimeout(REAUTH_MS + 1_000);
  await panel.getByRole("button", { name: "Remove Desk key" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove “Desk key”?" });
  await expect(confirm.getByRole("button")).toHaveText(["Cancel", "Remove passkey"]);
  await confirm.getByRole("button", { name: "Remove passkey" }).click();
  const prompt = page.getByRole("dialog", { name: "Confirm it is you" });
  await expect(prompt).toBeVisible();
  await expectAccessible(page, "re-authentication dialog with a passkey");
  await prompt.getByRole("button", { name: "Use a passkey instead" }).click();
  await expect(panel.getByText("Passkey “Desk key” removed. It can no longer sign in.")).toBeVisible();
  await expect(page.getByText("Now try that again")).toHaveCount(0);
  await expect(panel.getByText("No passkeys yet.")).toBeVisible();
  await waitForMail(person.email, /A passkey was removed/);

  // The authenticator still offers it; the site refuses it.
  await signOut(page);
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /This passkey is not registered here/ })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/sign-in");
  await context.close();
});

test("a ceremony answered for another origin fails; a replayed or cloned answer is refused", async ({ browser }) => {
  const person = await signUp();
  const { context, page, authenticator } = await signedInPage(browser, person, { autofill: false });
  await addPasskey(page, person.password, "Phone");

  // In the browser: the same server reached under another name cannot use the passkey at all.
  const other = await context.newPage();
  await other.goto(`http://other.localhost:${PORT}/sign-in`);
  await other.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(other.getByText(/Passkeys do not work at this address/)).toBeVisible();

  // A program holding the authenticator's key: the answer signed for another origin is refused, the
  // same answer for this origin is good once, and a counter that went back (a copied key) is refused.
  const [entry] = await authenticator.credentials();
  const soft = new SoftAuthenticator({ origin: BASE, rpId: "localhost" });
  soft.adopt(entry!);
  const address = fromAddress();
  const answered = async (forge: Parameters<SoftAuthenticator["assert"]>[1] = {}) => {
    const options = await apiOptions(address);
    return { options, response: soft.assert(options, forge) };
  };
  const signIn = ({ options, response }: { options: SignInOptions; response: unknown }) =>
    apiSignIn(options, response, address);

  for (const origin of [`http://other.localhost:${PORT}`, "https://evil.example", `https://localhost:${PORT}`]) {
    const refused = await expectProblem(await signIn(await answered({ origin })), 401);
    expect(refused.detail).toMatch(/could not sign you in/);
  }
  const good = await answered();
  const signedIn = await signIn(good);
  expect(signedIn.status()).toBe(201);
  const { token, user } = await signedIn.json();
  remember(token);
  expect(user.username).toBe(person.username);
  await expectProblem(await signIn(good), 401);

  const counter = entry!.signCount;
  await expectProblem(await signIn(await answered({ counter: Math.max(0, counter - 1) })), 401);
  const events = await (
    await api.get("/api/users/me/events", { headers: { Authorization: `Bearer ${token}` } })
  ).json();
  const types = (events.events as { type: string }[]).map((e) => e.type);
  expect(types).toContain("passkey.counter_regressed");
  expect(types).toContain("passkey.used");
  await context.close();
});

/**
 * In the page: asks for sign-in options as the sign-in page does (its own same-origin call, which leaves the
 * binding in an HttpOnly cookie) and has the authenticator answer them. The answer, as JSON.
 */
async function ceremonyInPage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await fetch("/api/sessions/passkey/options", { method: "POST" });
    const json = await res.json();
    if (!res.ok || "binding" in json) throw new Error(`options: ${res.status} ${JSON.stringify(json)}`);
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(json);
    const credential = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential;
    return JSON.stringify(credential.toJSON());
  });
}

/** Auth.js's passkey callback (what the sign-in page's action calls), from `request`'s browser context. */
async function callbackWith(request: APIRequestContext, response: string) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/passkey", {
    form: { csrfToken, response, callbackUrl: "/account" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  const location = new URL(res.headers()["location"]!, BASE);
  return { path: location.pathname, code: location.searchParams.get("code") };
}

const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === "accounts.session");

test("a sign-in answer is good only from the browser that asked for its options; a program needs its binding", async ({
  browser,
}) => {
  const person = await signUp();
  const { context, page, authenticator } = await signedInPage(browser, person, { autofill: false });
  await addPasskey(page, person.password, "Bound");
  await signOut(page);
  await page.goto("/sign-in");

  // The options call set an HttpOnly, SameSite=Lax cookie that lives as long as the challenge.
  const withoutCookie = await ceremonyInPage(page);
  const bindingCookie = (await context.cookies()).find((c) => c.name === "accounts.passkey");
  expect(bindingCookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  remember(bindingCookie!.value);
  expect(bindingCookie!.expires * 1000 - Date.now()).toBeLessThanOrEqual(5 * 60_000 + 5_000);
  // Browser A without its cookie: refused, like a challenge that is gone.
  await context.clearCookies({ name: "accounts.passkey" });
  expect(await callbackWith(context.request, withoutCookie)).toEqual({ path: "/sign-in", code: "passkey_refused" });
  expect(await sessionCookie(context)).toBeUndefined();

  // A's next answer, sent from browser B (its own Auth.js cookies, no binding): refused too.
  const answer = await ceremonyInPage(page);
  const other = await browser.newContext({ baseURL: BASE });
  expect(await callbackWith(other.request, answer)).toEqual({ path: "/sign-in", code: "passkey_refused" });
  expect(await sessionCookie(other)).toBeUndefined();
  await other.close();

  // B's attempt spent nothing: the same answer from A signs A in.
  expect(await callbackWith(context.request, answer)).toEqual({ path: "/account", code: null });
  expect(await sessionCookie(context)).toBeDefined();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);

  // A program: the options carry a binding; the answer without it is incomplete (400), with another one it is
  // refused (401) and spends nothing, and with its own it signs in.
  const soft = new SoftAuthenticator({ origin: BASE, rpId: "localhost" });
  soft.adopt((await authenticator.credentials())[0]!);
  const address = fromAddress();
  const options = await apiOptions(address);
  const response = soft.assert(options);
  const missing = await expectProblem(
    await api.post("/api/sessions/passkey", { data: { response }, headers: address }),
    400,
  );
  expect(Object.keys(missing.errors ?? {})).toEqual(["binding"]);
  const theirs = await apiOptions(fromAddress());
  await expectProblem(await apiSignIn(theirs, response, address), 401);
  const signedIn = await apiSignIn(options, response, address);
  expect(signedIn.status()).toBe(201);
  remember((await signedIn.json()).token);
  await context.close();
});

test("a second account cannot rename or remove the first's passkey; another site cannot use the cookie", async ({
  browser,
}) => {
  const first = await signUp();
  const { context, page } = await signedInPage(browser, first, { autofill: false });
  await addPasskey(page, first.password, "Mine");
  const firstHeaders = { Authorization: `Bearer ${await tokenOf(first.username, first.password)}` };
  const [passkey] = (await (await api.get("/api/passkeys", { headers: firstHeaders })).json()).passkeys;
  expect(passkey).toMatchObject({ name: "Mine", backedUp: false, lastUsedAt: null });

  const second = await signUp();
  const headers = { Authorization: `Bearer ${await tokenOf(second.username, second.password)}` };
  await expectProblem(await api.delete(`/api/passkeys/${passkey.id}`, { headers }), 404);
  await expectProblem(await api.patch(`/api/passkeys/${passkey.id}`, { headers, data: { name: "stolen" } }), 404);
  expect((await (await api.get("/api/passkeys", { headers })).json()).passkeys).toEqual([]);

  // The first account's own browser cookie, sent by another site: not accepted.
  const forged = await context.request.delete(`/api/passkeys/${passkey.id}`, {
    headers: { Origin: "https://evil.example" },
  });
  expect(forged.status()).toBe(401);
  const crossSite = await context.request.delete(`/api/passkeys/${passkey.id}`, {
    headers: { "Sec-Fetch-Site": "cross-site" },
  });
  expect(crossSite.status()).toBe(401);
  const own = await context.request.get("/api/passkeys");
  expect(own.status()).toBe(200);
  expect((await own.json()).passkeys).toEqual([expect.objectContaining({ id: passkey.id, name: "Mine" })]);
  await context.close();
});

test("the sign-in limits and events cover passkey attempts", async ({ browser }) => {
  const person = await signUp();
  const { context, page, authenticator } = await signedInPage(browser, person, { autofill: false });
  await addPasskey(page, person.password);
  const soft = new SoftAuthenticator({ origin: BASE, rpId: "localhost" });
  soft.adopt((await authenticator.credentials())[0]!);
  const address = fromAddress();
  const signIn = async (forge: Parameters<SoftAuthenticator["assert"]>[1] = {}) => {
    const options = await apiOptions(address);
    return apiSignIn(options, soft.assert(options, forge), address);
  };

  // Five refused answers for the account from one address, then even a good one waits.
  for (let i = 0; i < 5; i++) await expectProblem(await signIn({ origin: "https://evil.example" }), 401);
  const limited = await expectProblem(await signIn(), 429);
  expect(limited.code).toBe("rate_limited");

  const token = await tokenOf(person.username, person.password);
  const events = await (
    await api.get("/api/users/me/events?limit=50", { headers: { Authorization: `Bearer ${token}` } })
  ).json();
  const failed = unfoldTries(
    (events.events as { type: string; detail: { reason?: string } }[]).filter((e) => e.type === "sign_in.failed"),
  );
  expect(failed.length).toBeGreaterThanOrEqual(5);
  expect(failed[0]!.detail.reason).toBe("passkey_refused");

  // Options are counted per address too (each stores a challenge).
  const flood = { "X-Forwarded-For": "198.18.0.7" };
  const answers = await Promise.all(
    Array.from({ length: 45 }, () => api.post("/api/sessions/passkey/options", { headers: flood })),
  );
  expect(answers.filter((a) => a.status() === 200)).toHaveLength(40);
  expect(answers.filter((a) => a.status() === 429).length).toBe(5);
  await context.close();
});

test("adding a passkey says how many other sessions remain and offers “Sign out everywhere else”", async ({
  browser,
}) => {
  const person = await signUp();
  const token = await tokenOf(person.username, person.password);
  const { context, page } = await signedInPage(browser, person, { autofill: false });
  await addPasskey(page, person.password, "Laptop");
  const panel = passkeysPanel(page);
  const offer = panel.getByRole("group", { name: "Your other sessions" });
  await expect(offer).toContainText("1 other session is still signed in");
  await expectAccessible(page, "security page offering to sign out elsewhere after adding a passkey");
  await offer.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(panel.getByText("Signed out of 1 other session.")).toBeVisible();
  await expect(offer).toHaveCount(0);
  // The token's next request is signed out; this browser stays signed in.
  await expectProblem(await api.get("/api/users/me", { headers: { Authorization: `Bearer ${token}` } }), 401);
  await page.reload();
  await expect(passkeysPanel(page).getByRole("listitem", { name: "Laptop" })).toBeVisible();

  // Over the API: the answer carries the count (here the browser's session).
  const headers = { Authorization: `Bearer ${await tokenOf(person.username, person.password)}`, ...fromAddress() };
  const options = await api.post("/api/passkeys/registration/options", { headers });
  expect(options.status()).toBe(200);
  const soft = new SoftAuthenticator({ origin: BASE, rpId: "localhost" });
  const added = await api.post("/api/passkeys/registration", {
    headers,
    data: { response: soft.register(await options.json()), name: "Script key" },
  });
  expect(added.status()).toBe(201);
  expect(await added.json()).toMatchObject({ name: "Script key", otherSessions: 1 });
  await context.close();
});
