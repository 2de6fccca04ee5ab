import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { generateSync } from "otplib";
import type { APIRequestContext, Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { expect, test } from "./api-test";
import {
  expectMailSettled,
  expectProblem,
  linkFrom,
  mailTo,
  newPerson,
  remember,
  RUN_DIR,
  signUpApi,
  tokenFor,
  waitForMail,
  type Mail,
} from "./helpers";

// Issue 29: sign in by email. A link and an 8-digit code in one message; the link's page spends nothing until
// "Sign me in" is pressed, in the browser that asked; the code works anywhere, 5 wrong ones per message and per
// account; then the same as a password (two-factor, session row); an unverified address is taken back.

const SUBJECT = /sign-in link and code/;
/** Codes go to their own list: e2e/log-audit.spec.ts looks for them in the log as whole words (tokens: secrets.txt). */
const CODES = path.join(RUN_DIR, "email-sign-in-codes.txt");
function codeFrom(mail: Mail): string {
  const code = /sign-in code: (\d{8})/.exec(mail.text)![1]!;
  mkdirSync(RUN_DIR, { recursive: true });
  appendFileSync(CODES, code + "\n");
  return code;
}
const wrong = (code: string) => String((Number(code) + 1) % 100_000_000).padStart(8, "0");
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A person whose address is confirmed (the ordinary case). */
async function verifiedPerson(request: APIRequestContext, prefix = "es") {
  const { person } = await signUpApi(request, newPerson(prefix));
  const { token } = linkFrom(await waitForMail(person.email, /Confirm your email/));
  expect((await request.post("/api/email-verifications/confirm", { data: { token } })).status()).toBe(204);
  return person;
}

/** The n-th sign-in message to `email`: its link (token remembered) and code. */
async function signInMail(email: string, n = 1) {
  const mail = await waitForMail(email, SUBJECT, n);
  return { ...linkFrom(mail), code: codeFrom(mail) };
}

/** Asks for a sign-in email on the page (this browser gets the binding cookie). */
async function askOnPage(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/sign-in\/email/);
  await page.getByLabel("Username or email").fill(login);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

async function browserSessions(request: APIRequestContext, token: string) {
  const res = await request.get("/api/sessions", { headers: bearer(token) });
  expect(res.status()).toBe(200);
  const { sessions } = (await res.json()) as { sessions: { kind: string }[] };
  return sessions.filter((s) => s.kind === "browser").length;
}

test.describe("sign in by email (API)", () => {
  test("the same 202 whether or not an account exists; a message with a link and a code when it does", async ({
    request,
  }) => {
    const person = await verifiedPerson(request);
    const known = await request.post("/api/sign-in/email", { data: { login: person.username } });
    const unknown = await request.post("/api/sign-in/email", { data: { login: `nobody-${Date.now()}` } });
    const unknownAddress = await request.post("/api/sign-in/email", {
      data: { login: `nobody-${Date.now()}@example.com` },
    });
    for (const res of [known, unknown, unknownAddress]) expect(res.status()).toBe(202);
    expect(await unknown.json()).toEqual(await known.json());
    expect(await unknownAddress.json()).toEqual(await known.json());
    const { url, code } = await signInMail(person.email);
    expect(url).toContain("/sign-in/email/link?token=");
    expect(code).toMatch(/^\d{8}$/);
    await expectProblem(await request.post("/api/sign-in/email", { data: { login: 7 } }), 400);

    const signedIn = await request.post("/api/sign-in/email/confirm", { data: { login: person.email, code } });
    expect(signedIn.status()).toBe(201);
    const body = await signedIn.json();
    remember(body.token);
    expect(body.user.username).toBe(person.username);
    const again = await expectProblem(
      await request.post("/api/sign-in/email/confirm", { data: { login: person.email, code } }),
      400,
    );
    expect(again.code).toBe("invalid_code");
  });

  test("the 6th code is refused even when right", async ({ request }) => {
    const person = await verifiedPerson(request);
    await request.post("/api/sign-in/email", { data: { login: person.email } });
    const { code } = await signInMail(person.email);
    for (let i = 0; i < 5; i++) {
      const body = await expectProblem(
        await request.post("/api/sign-in/email/confirm", { data: { login: person.email, code: wrong(code) } }),
        400,
      );
      expect(body.code).toBe("invalid_code");
    }
    const right = await request.post("/api/sign-in/email/confirm", { data: { login: person.email, code } });
    expect((await expectProblem(right, 400)).code).toBe("invalid_code");
  });

  test("a resend keeps the count", async ({ request }) => {
    const person = await verifiedPerson(request);
    await request.post("/api/sign-in/email", { data: { login: person.email } });
    const first = await signInMail(person.email);
    for (let i = 0; i < 3; i++)
      await request.post("/api/sign-in/email/confirm", { data: { login: person.email, code: wrong(first.code) } });
    await request.post("/api/sign-in/email", { data: { login: person.email } });
    const second = await signInMail(person.email, 2);
    for (let i = 0; i < 2; i++)
      await request.post("/api/sign-in/email/confirm", { data: { login: person.email, code: wrong(second.code) } });
    const right = await request.post("/api/sign-in/email/confirm", {
      data: { login: person.email, code: second.code },
    });
    expect((await expectProblem(right, 400)).code).toBe("invalid_code");
  });

  test("two-factor is still asked: 202 and a challenge, then the second step", async ({ request }) => {
    const person = await verifiedPerson(request, "es2f");
    const token = await tokenFor(request, person.username, person.password);
    const { secret } = await (await request.post("/api/users/me/totp", { headers: bearer(token) })).json();
    remember(secret);
    const totp = (steps: number) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
    const on = await request.post("/api/users/me/totp/confirm", { headers: bearer(token), data: { code: totp(-1) } });
    expect(on.status()).toBe(200);
    ((await on.json()).recoveryCodes as string[]).forEach(remember);
    await request.post("/api/sign-in/email", { data: { login: person.username } });
    const { code } = await signInMail(person.email);
    const step = await request.post("/api/sign-in/email/confirm", { data: { login: person.username, code } });
    expect(step.status()).toBe(202);
    const { challenge, mfaRequired } = await step.json();
    expect(mfaRequired).toBe(true);
    remember(challenge);
    const done = await request.post("/api/sessions/mfa", { data: { challenge, code: totp(0) } });
    expect(done.status()).toBe(201);
    remember((await done.json()).token);
  });
});

test.describe("sign in by email (browser)", () => {
  test("GET, HEAD and a prefetch of the link spend nothing; “Sign me in” does, and lands on a URL without the token", async ({
    page,
    request,
  }) => {
    const person = await verifiedPerson(request);
    await askOnPage(page, person.email);
    const { url, token } = await signInMail(person.email);
    // A mail scanner (no cookie), and this very browser, opening and prefetching the link.
    const scanner = await request.get(url);
    expect(scanner.status()).toBe(200);
    expect(scanner.headers()["referrer-policy"]).toBe("no-referrer");
    expect(scanner.headers()["cache-control"]).toContain("no-store");
    expect((await request.head(url)).status()).toBe(200);
    expect((await page.request.get(url)).status()).toBe(200);
    expect((await page.request.head(url)).status()).toBe(200);
    expect(
      (await page.request.get(url, { headers: { "sec-purpose": "prefetch", purpose: "prefetch" } })).status(),
    ).toBe(200);
    const loads: string[] = [];
    page.on("request", (r) => loads.push(r.url()));
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Sign in by email" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Sign me in" }).click();
    await expect(page).toHaveURL(/\/account$/);
    expect(page.url()).not.toContain(token);
    // The link's page loaded nothing from elsewhere.
    const origin = new URL(url).origin;
    expect(loads.filter((l) => !l.startsWith(origin) && !l.startsWith("data:"))).toEqual([]);
    // Spent: the page now says so.
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  });

  test("in another browser the link does not sign in; the code there does", async ({ page, browser, request }) => {
    const person = await verifiedPerson(request);
    await askOnPage(page, person.username);
    const { url, code } = await signInMail(person.email);
    const other = await browser.newContext();
    try {
      const elsewhere = await other.newPage();
      await elsewhere.goto(url);
      await expect(
        elsewhere.getByText("works only in the browser where the sign-in email was asked for"),
      ).toBeVisible();
      await expect(elsewhere.getByRole("button", { name: "Sign me in" })).toHaveCount(0);
      await expectAccessible(elsewhere);
      await elsewhere.getByLabel("Username or email").fill(person.email);
      await elsewhere.getByLabel("Code from the email").fill(code);
      await elsewhere.getByRole("button", { name: "Sign in with the code" }).click();
      await expect(elsewhere).toHaveURL(/\/account$/);
    } finally {
      await other.close();
    }
  });

  test("the code on the page that asked; a wrong one says so", async ({ page, request }) => {
    const person = await verifiedPerson(request);
    await askOnPage(page, person.email);
    await expectAccessible(page);
    const { code } = await signInMail(person.email);
    await page.getByLabel("Code from the email").fill(wrong(code));
    await page.getByRole("button", { name: "Sign in with the code" }).click();
    await expect(page.getByText("That code is not right").first()).toBeVisible();
    await page.getByLabel("Code from the email").fill(code);
    await page.getByRole("button", { name: "Sign in with the code" }).click();
    await expect(page).toHaveURL(/\/account$/);
  });

  test("the same link raced 8 times opens one session", async ({ page, request }) => {
    test.setTimeout(120_000);
    const person = await verifiedPerson(request);
    const token = await tokenFor(request, person.username, person.password);
    await askOnPage(page, person.email);
    const { url } = await signInMail(person.email);
    const tabs = [page, ...(await Promise.all(Array.from({ length: 7 }, () => page.context().newPage())))];
    for (const tab of tabs) await tab.goto(url);
    await Promise.all(tabs.map((tab) => tab.getByRole("button", { name: "Sign me in" }).click()));
    await expect.poll(() => tabs.filter((t) => t.url().endsWith("/account")).length, { timeout: 30_000 }).toBe(1);
    expect(await browserSessions(request, token)).toBe(1);
  });

  test("an unverified address: verified, the password voided and every other session ended; the page says so", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("esu"));
    const token = await tokenFor(request, person.username, person.password);
    await askOnPage(page, person.email);
    const { url } = await signInMail(person.email);
    await page.goto(url);
    await expect(page.getByText("the password set on this account is removed")).toBeVisible();
    await page.getByRole("button", { name: "Sign me in" }).click();
    await expect(page).toHaveURL(/\/sign-in\/email\/verified/);
    await expect(page.getByRole("heading", { name: "Your email address is confirmed" })).toBeVisible();
    await expectAccessible(page);
    expect((await request.get("/api/users/me", { headers: bearer(token) })).status()).toBe(401);
    const password = await request.post("/api/sessions", {
      data: { login: person.username, password: person.password },
    });
    expect(password.status()).toBe(401);
  });

  test("two-factor is still asked in the browser", async ({ page, request }) => {
    const person = await verifiedPerson(request, "esb2f");
    const token = await tokenFor(request, person.username, person.password);
    const { secret } = await (await request.post("/api/users/me/totp", { headers: bearer(token) })).json();
    remember(secret);
    const totp = (steps: number) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
    expect(
      (await request.post("/api/users/me/totp/confirm", { headers: bearer(token), data: { code: totp(-1) } })).status(),
    ).toBe(200);
    await askOnPage(page, person.email);
    const { url } = await signInMail(person.email);
    await page.goto(url);
    await page.getByRole("button", { name: "Sign me in" }).click();
    await expect(page).toHaveURL(/\/sign-in\/two-factor/);
    const code = totp(0);
    appendFileSync(path.join(RUN_DIR, "otp-codes.txt"), code + "\n");
    await page.getByLabel(/code/i).first().fill(code);
    await page
      .getByRole("button", { name: /verify|sign in/i })
      .first()
      .click();
    await expect(page).toHaveURL(/\/account$/);
  });

  test("an unknown address gets the same page, and no sign-in message", async ({ page }) => {
    const address = `nobody-${Date.now()}@example.com`;
    await askOnPage(page, address);
    await expectMailSettled(address, 1); // the "no account here — sign up?" note, not a link
    expect(mailTo(address)[0]!.subject).not.toMatch(SUBJECT);
    expect(mailTo(address)[0]!.text).not.toContain("token=");
  });
});
