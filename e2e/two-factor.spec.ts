import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { generateSync } from "otplib";
import { expectAccessible, AUDIT_WIDTHS } from "./a11y";
import { expect, test } from "./api-test";
import {
  awayFromStepEnd,
  expectProblem,
  newPerson,
  remember,
  RUN_DIR,
  signInWithForm,
  signUpApi,
  tokenFor,
  waitForMail,
} from "./helpers";
import { portFor, RAISED_ADDRESS_LIMITS, startAppServer, type AppServer } from "./servers";

/**
 * The code an authenticator app shows `steps` periods from now (computed from the secret, as an app does).
 * Six digits are too short for the log audit's plain search: they go to their own list, which
 * e2e/log-audit.spec.ts looks for as whole words.
 */
const codeAt = (secret: string, steps = 0) => {
  const code = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
  mkdirSync(RUN_DIR, { recursive: true });
  appendFileSync(path.join(RUN_DIR, "otp-codes.txt"), code + "\n");
  return code;
};

type Api = { post(url: string, o?: object): Promise<import("@playwright/test").APIResponse> };

/** Signs up, takes a token and turns two-factor on through the API: the secret and the 10 codes. */
async function enrolApi(request: Parameters<typeof signUpApi>[0]) {
  const { person } = await signUpApi(request);
  const signedIn = await request.post("/api/sessions", { data: { login: person.username, password: person.password } });
  expect(signedIn.status()).toBe(201);
  const token = remember((await signedIn.json()).token);
  const headers = { Authorization: `Bearer ${token}` };
  const started = await request.post("/api/users/me/totp", { headers });
  expect(started.status()).toBe(200);
  const { secret, otpauthUrl } = await started.json();
  remember(secret);
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
  expect(otpauthUrl).toContain(`secret=${secret}`);
  await expectProblem(await request.post("/api/users/me/totp/confirm", { headers, data: { code: "000000" } }), 400);
  // The previous step's code (one step of drift): later codes in a test use the current and next steps.
  await awayFromStepEnd();
  const confirmed = await request.post("/api/users/me/totp/confirm", { headers, data: { code: codeAt(secret, -1) } });
  expect(confirmed.status()).toBe(200);
  const { recoveryCodes, otherSessions } = (await confirmed.json()) as {
    recoveryCodes: string[];
    otherSessions: number;
  };
  recoveryCodes.forEach(remember);
  // The token's own session is the account's only one.
  expect(otherSessions).toBe(0);
  return { person, token, headers, secret, recoveryCodes };
}

async function challengeFor(request: Api, login: string, password: string) {
  const res = await request.post("/api/sessions", { data: { login, password } });
  expect(res.status()).toBe(202);
  const body = await res.json();
  expect(body).toEqual({
    mfaRequired: true,
    challenge: expect.any(String),
    methods: ["totp", "recovery_code"],
    expiresAt: expect.any(String),
  });
  return remember(body.challenge as string);
}

test.describe("two-factor sign-in (API)", () => {
  test("enrol, the DTO, 409 when on, the mail notice", async ({ request }) => {
    const { person, headers, recoveryCodes } = await enrolApi(request);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const me = await request.get("/api/users/me", { headers });
    expect((await me.json()).twoFactor).toEqual({ totp: true, recoveryCodesLeft: 10 });
    await expectProblem(await request.post("/api/users/me/totp", { headers }), 409);
    await waitForMail(person.email, /Two-factor sign-in is on/);
  });

  test("sign in with a code; the same code again is refused; a wrong password answers as before", async ({
    request,
  }) => {
    const { person, secret } = await enrolApi(request);
    const wrong = await expectProblem(
      await request.post("/api/sessions", { data: { login: person.username, password: "not the password at all" } }),
      401,
    );
    const unknown = await expectProblem(
      await request.post("/api/sessions", {
        data: { login: `nobody-${person.username}`, password: "not the password at all" },
      }),
      401,
    );
    expect({ ...wrong, instance: undefined }).toEqual({ ...unknown, instance: undefined });

    const code = codeAt(secret);
    const challenge = await challengeFor(request, person.username, person.password);
    const done = await request.post("/api/sessions/mfa", { data: { challenge, code } });
    expect(done.status()).toBe(201);
    const body = await done.json();
    remember(body.token);
    expect(body.user.twoFactor).toEqual({ totp: true, recoveryCodesLeft: 10 });
    // Replay: the same code on a new challenge, in the same 30 seconds.
    const again = await challengeFor(request, person.username, person.password);
    await expectProblem(await request.post("/api/sessions/mfa", { data: { challenge: again, code } }), 401);
    // The challenge that opened a session is spent.
    await expectProblem(await request.post("/api/sessions/mfa", { data: { challenge, code: codeAt(secret, 1) } }), 401);
  });

  test("a recovery code signs in once; its use is mailed; new codes void the old", async ({ request }) => {
    const { person, headers, recoveryCodes } = await enrolApi(request);
    const challenge = await challengeFor(request, person.username, person.password);
    const done = await request.post("/api/sessions/mfa", { data: { challenge, recoveryCode: recoveryCodes[0] } });
    expect(done.status()).toBe(201);
    remember((await done.json()).token);
    const again = await challengeFor(request, person.username, person.password);
    await expectProblem(
      await request.post("/api/sessions/mfa", { data: { challenge: again, recoveryCode: recoveryCodes[0] } }),
      401,
    );
    await waitForMail(person.email, /recovery code was used/);
    expect((await (await request.get("/api/users/me", { headers })).json()).twoFactor.recoveryCodesLeft).toBe(9);
    const renewed = await request.post("/api/users/me/recovery-codes", { headers });
    expect(renewed.status()).toBe(200);
    (await renewed.json()).recoveryCodes.forEach(remember);
    await expectProblem(
      await request.post("/api/sessions/mfa", { data: { challenge: again, recoveryCode: recoveryCodes[1] } }),
      401,
    );
  });

  test("turning on says how many other sessions remain; DELETE /api/sessions ends them and keeps this one", async ({
    request,
  }) => {
    const { person } = await signUpApi(request);
    const [token, other, third] = [
      await tokenFor(request, person.username, person.password),
      await tokenFor(request, person.username, person.password),
      await tokenFor(request, person.username, person.password),
    ];
    const headers = { Authorization: `Bearer ${token}` };
    const { secret } = await (await request.post("/api/users/me/totp", { headers })).json();
    remember(secret);
    await awayFromStepEnd();
    const confirmed = await request.post("/api/users/me/totp/confirm", { headers, data: { code: codeAt(secret, -1) } });
    expect(confirmed.status()).toBe(200);
    const body = await confirmed.json();
    (body.recoveryCodes as string[]).forEach(remember);
    expect(body.otherSessions).toBe(2);
    // Still signed in until asked: then every other session ends, and this one stays.
    const me = (t: string) => request.get("/api/users/me", { headers: { Authorization: `Bearer ${t}` } });
    expect((await me(other)).status()).toBe(200);
    expect((await request.delete("/api/sessions", { headers })).status()).toBe(204);
    await expectProblem(await me(other), 401);
    await expectProblem(await me(third), 401);
    expect((await me(token)).status()).toBe(200);
  });

  test("wrong set-up codes are limited per account: 5, then 429 + Retry-After, even for the right code", async ({
    request,
    page,
  }) => {
    const { person } = await signUpApi(request);
    const headers = { Authorization: `Bearer ${await tokenFor(request, person.username, person.password)}` };
    const { secret } = await (await request.post("/api/users/me/totp", { headers })).json();
    remember(secret);
    const near = new Set([-1, 0, 1, 2].map((steps) => codeAt(secret, steps)));
    const wrong = ["000000", "111111"].find((c) => !near.has(c))!;
    for (let i = 0; i < 5; i++)
      await expectProblem(await request.post("/api/users/me/totp/confirm", { headers, data: { code: wrong } }), 400);
    const limited = await request.post("/api/users/me/totp/confirm", { headers, data: { code: codeAt(secret) } });
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await expectProblem(limited, 429)).code).toBe("rate_limited");

    // The set-up form says so, in place.
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/account/security/two-factor");
    const panel = page.getByRole("region", { name: "Two-factor authentication" });
    await panel.getByLabel("Code from the app").fill(codeAt(secret));
    await panel.getByRole("button", { name: "Turn on two-factor" }).click();
    await expect(panel.getByText(/^Too many attempts\. Try again in \d+ minutes?\.$/)).toBeVisible();
    await expectAccessible(page, "/account/security refusing a set-up code past the limit");
    await page.goto("/account/security/activity");
    await expect(page.getByText("Two-factor set-up blocked: too many wrong codes").first()).toBeVisible();
    const me = await request.get("/api/users/me", { headers });
    expect((await me.json()).twoFactor.totp).toBe(false);
  });

  test("a challenge dies after 5 wrong codes", async ({ request }) => {
    const { person, secret } = await enrolApi(request);
    const challenge = await challengeFor(request, person.username, person.password);
    for (let i = 0; i < 5; i++)
      await expectProblem(await request.post("/api/sessions/mfa", { data: { challenge, code: "000000" } }), 401);
    await expectProblem(await request.post("/api/sessions/mfa", { data: { challenge, code: codeAt(secret) } }), 401);
  });

  test("turning off: 204, the codes are void, 404 the second time, the password alone signs in", async ({
    request,
  }) => {
    const { person, headers, recoveryCodes } = await enrolApi(request);
    const off = await request.delete("/api/users/me/totp", { headers });
    expect(off.status()).toBe(204);
    await expectProblem(await request.delete("/api/users/me/totp", { headers }), 404);
    await expectProblem(await request.post("/api/users/me/recovery-codes", { headers }), 404);
    const signedIn = await request.post("/api/sessions", {
      data: { login: person.username, password: person.password },
    });
    expect(signedIn.status()).toBe(201);
    remember((await signedIn.json()).token);
    expect(recoveryCodes).toHaveLength(10);
    await waitForMail(person.email, /Two-factor sign-in is off/);
  });
});

test.describe("the re-authentication window and the challenge's lifetime (REAUTH_MINUTES=5, MFA_CHALLENGE_MINUTES=4)", () => {
  // One server of its own on one port: its tests run in one worker, one after another.
  test.describe.configure({ mode: "serial" });
  /**
   * Both windows are longer than any of these tests runs, so a step that needs a fresh proof or a live
   * challenge never depends on how fast the machine is. A window passes when `backdate` moves the
   * account's proof times (or its challenges' ends) that far into the past, as that much time passing
   * would; PGlite's directory has one process at a time, so the server stops meanwhile and starts again
   * on the same data (the browser's session cookie stays good).
   */
  const REAUTH_SECONDS = 300;
  const CHALLENGE_SECONDS = 240;
  const env = {
    PGLITE_DIR: path.join(RUN_DIR, `pglite-2fa-${Date.now()}-${process.pid}`),
    DATABASE_URL: "",
    REAUTH_MINUTES: String(REAUTH_SECONDS / 60),
    MFA_CHALLENGE_MINUTES: String(CHALLENGE_SECONDS / 60),
    // The suite's mail sink (playwright.config.ts), so a notice from this server can be waited for.
    SMTP_URL: `smtp://127.0.0.1:${portFor(22)}`,
    ...RAISED_ADDRESS_LIMITS,
  };
  let server: AppServer;
  test.beforeAll(async () => {
    server = await startAppServer(portFor(40), env);
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  const BACKDATE = {
    proof: `update sessions set reauthenticated_at = reauthenticated_at - make_interval(secs => $2)
      where user_id = (select id from users where username = $1)`,
    challenge: `update mfa_challenges set expires_at = expires_at - make_interval(secs => $2)
      where user_id = (select id from users where username = $1)`,
  };
  async function backdate(what: keyof typeof BACKDATE, username: string, seconds: number) {
    await server.stop();
    const db = new PGlite(env.PGLITE_DIR);
    try {
      const moved = await db.query(BACKDATE[what], [username, seconds]);
      expect(moved.affectedRows).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
    server = await startAppServer(portFor(40), env);
  }
  /** REAUTH_MINUTES pass for the account's sessions (and a second more). */
  const windowPasses = (username: string) => backdate("proof", username, REAUTH_SECONDS + 1);

  const post = (url: string, data?: unknown, token?: string) =>
    fetch(server.url + url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: data === undefined ? undefined : JSON.stringify(data),
    });

  test("fresh, stale, wrong password, the limit; then an expired challenge", async () => {
    test.setTimeout(120_000);
    const person = newPerson("re");
    expect((await post("/api/users", person)).status).toBe(201);
    const token = remember(
      (await (await post("/api/sessions", { login: person.username, password: person.password })).json()).token,
    );
    // Fresh (just signed in): allowed.
    const started = await post("/api/users/me/totp", undefined, token);
    expect(started.status).toBe(200);
    const { secret } = await started.json();
    remember(secret);
    await windowPasses(person.username);
    // Stale: 403 with the precise code.
    const stale = await post("/api/users/me/totp", undefined, token);
    expect(stale.status).toBe(403);
    expect((await stale.json()).code).toBe("reauthentication_required");
    // Wrong password: 403; the right one: 204 and fresh again.
    expect((await post("/api/sessions/current/reauthenticate", { password: "not the password" }, token)).status).toBe(
      403,
    );
    expect((await post("/api/sessions/current/reauthenticate", { password: person.password }, token)).status).toBe(204);
    await awayFromStepEnd();
    const confirmed = await post("/api/users/me/totp/confirm", { code: codeAt(secret, -1) }, token);
    expect(confirmed.status).toBe(200);
    (await confirmed.json()).recoveryCodes.forEach(remember);
    // A code re-authenticates too (once).
    await windowPasses(person.username);
    expect((await post("/api/sessions/current/reauthenticate", { code: codeAt(secret) }, token)).status).toBe(204);
    // The limit: 5 wrong (1 already counted) → 403s, then 429 + Retry-After even for the right password.
    for (let i = 0; i < 4; i++)
      expect((await post("/api/sessions/current/reauthenticate", { password: `wrong ${i}` }, token)).status).toBe(403);
    const limited = await post("/api/sessions/current/reauthenticate", { password: person.password }, token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // The challenge lives MFA_CHALLENGE_MINUTES: its end, as the server set it, is that long after the
    // request; once that has passed, the right code is refused.
    const asked = Date.now();
    const pending = await post("/api/sessions", { login: person.username, password: person.password });
    const answered = Date.now();
    expect(pending.status).toBe(202);
    const { challenge, expiresAt } = await pending.json();
    remember(challenge);
    expect(Date.parse(expiresAt)).toBeGreaterThanOrEqual(asked + CHALLENGE_SECONDS * 1000);
    expect(Date.parse(expiresAt)).toBeLessThanOrEqual(answered + CHALLENGE_SECONDS * 1000);
    await backdate("challenge", person.username, CHALLENGE_SECONDS);
    expect((await post("/api/sessions/mfa", { challenge, code: codeAt(secret, 1) })).status).toBe(401);
  });

  test("a stale session starting “Set up two-factor” is asked in a dialog, then the set-up carries on by itself", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const person = newPerson("rb");
    expect((await post("/api/users", person)).status).toBe(201);
    await page.goto(`${server.url}/sign-in`);
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await windowPasses(person.username);
    await page.goto(`${server.url}/account/security/two-factor`);
    const panel = page.getByRole("region", { name: "Two-factor authentication" });
    // Nothing is asked before anything was tried.
    const setUp = panel.getByRole("button", { name: "Set up two-factor" });
    await expect(setUp).toBeVisible();
    await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("dialog")).toHaveCount(0);

    // Escape cancels: nothing changed, focus is back on the button.
    await setUp.click();
    const dialog = page.getByRole("dialog", { name: "Confirm it is you" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("Password")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(setUp).toBeFocused();
    await expect(panel.getByRole("img", { name: /QR code/ })).toHaveCount(0);

    await setUp.click();
    await expect(dialog.getByLabel("Password")).toBeFocused();
    for (const width of AUDIT_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `/account/security asking to re-authenticate in a dialog at ${width} px`);
      await page.screenshot({ path: `test-results/two-factor-reauth-dialog-${width}.png` });
    }
    await page.setViewportSize({ width: 1280, height: 900 }); // the QR code shows from the small breakpoint up
    await dialog.getByLabel("Password").fill("not the password");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(dialog.getByText("Incorrect password.").first()).toBeVisible();
    await dialog.getByLabel("Password").fill(person.password);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    // No second click: the set-up goes on by itself.
    await expect(dialog).toHaveCount(0);
    await expect(panel.getByRole("img", { name: /QR code/ })).toBeVisible();
    remember((await panel.locator("code").innerText()).replace(/\s/g, ""));
    await expect(page.getByText("Now try that again")).toHaveCount(0);
  });

  test("with two-factor on, the prompt takes a recovery code: a wrong one is refused, a right one works once", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const person = newPerson("rr");
    expect((await post("/api/users", person)).status).toBe(201);
    const token = remember(
      (await (await post("/api/sessions", { login: person.username, password: person.password })).json()).token,
    );
    const { secret } = await (await post("/api/users/me/totp", undefined, token)).json();
    remember(secret);
    await awayFromStepEnd();
    const confirmed = await post("/api/users/me/totp/confirm", { code: codeAt(secret, -1) }, token);
    expect(confirmed.status).toBe(200);
    const codes = ((await confirmed.json()).recoveryCodes as string[]).map(remember);

    await page.goto(`${server.url}/sign-in`);
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/sign-in\/two-factor/);
    await page.getByLabel("Enter the 6-digit code from your authenticator app").fill(codeAt(secret));
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/account$/);
    await windowPasses(person.username);
    await page.goto(`${server.url}/account/security/two-factor`);
    const panel = page.getByRole("region", { name: "Two-factor authentication" });
    // New recovery codes: confirmed first (saying the old ones stop working), then the proof, then made.
    await panel.getByRole("button", { name: "New recovery codes" }).click();
    const confirm = page.getByRole("dialog", { name: "Make new recovery codes?" });
    await expect(confirm).toContainText("Your current recovery codes stop working");
    await confirm.getByRole("button", { name: "Make new codes" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm it is you" });
    await expect(dialog.getByRole("button", { name: "Use a code from your authenticator app instead" })).toBeVisible();
    await dialog.getByRole("button", { name: "Use a recovery code instead" }).click();
    const field = dialog.getByLabel("Recovery code");
    for (const width of AUDIT_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `/account/security asking for a recovery code at ${width} px`);
      await page.screenshot({ path: `test-results/two-factor-reauth-recovery-${width}.png` });
    }
    // The other ways stay on offer.
    await expect(dialog.getByRole("button", { name: "Use your password instead" })).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Use a code from your authenticator app instead" })).toBeVisible();
    await field.fill("0000-0000-0000");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(dialog.getByText("That recovery code is not right, or it has been used.").first()).toBeVisible();
    // Not put back in the form after an error.
    await expect(field).toHaveValue("");
    await field.fill(codes[0]!);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    // Accepted: the new codes are made by themselves, and stay until saved.
    await expect(dialog).toHaveCount(0);
    const list = panel.getByTestId("recovery-codes");
    await expect(list.getByRole("listitem")).toHaveCount(10);
    const renewed = (await list.getByRole("listitem").allInnerTexts()).map(remember);
    await panel.getByRole("button", { name: "I've saved these codes" }).click();
    await expect(list).toHaveCount(0);
    await expect(panel.getByRole("button", { name: "Turn off" })).toBeVisible();
    await page.reload();
    await expect(panel.getByText("10 recovery codes left.")).toBeVisible();
    await page.goto(`${server.url}/account/security/activity`);
    await expect(page.getByText("A recovery code was used to confirm it was you")).toBeVisible();
    await waitForMail(person.email, /recovery code was used to confirm it is you/);

    // Spent: once the window has passed again, the same code is refused (and nothing is turned off).
    await windowPasses(person.username);
    await page.goto(`${server.url}/account/security/two-factor`);
    await panel.getByRole("button", { name: "Turn off" }).click();
    await page
      .getByRole("dialog", { name: "Turn off two-factor?" })
      .getByRole("button", { name: "Turn off two-factor" })
      .click();
    await dialog.getByRole("button", { name: "Use a recovery code instead" }).click();
    await dialog.getByLabel("Recovery code").fill(codes[0]!);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(dialog.getByText("That recovery code is not right, or it has been used.").first()).toBeVisible();
    // A new code works, and the turning off carries on by itself.
    await dialog.getByLabel("Recovery code").fill(renewed[0]!);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(panel.getByText("Two-factor authentication is off.")).toBeVisible();
  });
});

test.describe("two-factor in the browser", () => {
  test("set up, save the codes, sign in with a code (callbackUrl kept) and a recovery code (the banner counts), turn off", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/account/security/two-factor");
    const panel = page.getByRole("region", { name: "Two-factor authentication" });
    await panel.getByRole("button", { name: "Set up two-factor" }).click();
    await expect(panel.getByRole("img", { name: /QR code/ })).toBeVisible();
    for (const width of AUDIT_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `/account/security setting up two-factor at ${width} px`);
      await page.screenshot({ path: `test-results/two-factor-setup-${width}.png`, fullPage: true });
    }
    const secret = remember((await panel.locator("code").innerText()).replace(/\s/g, ""));
    await awayFromStepEnd();
    await panel.getByLabel("Code from the app").fill(codeAt(secret, -1));
    await panel.getByRole("button", { name: "Turn on two-factor" }).click();
    const list = panel.getByTestId("recovery-codes");
    await expect(list.getByRole("listitem")).toHaveCount(10);
    const codes = (await list.getByRole("listitem").allInnerTexts()).map(remember);
    await expect(panel.getByRole("button", { name: "Download" })).toBeVisible();
    await expect(panel.getByRole("button", { name: "Print" })).toBeVisible();
    for (const width of AUDIT_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `/account/security showing recovery codes at ${width} px`);
      await page.screenshot({ path: `test-results/two-factor-codes-${width}.png`, fullPage: true });
    }
    // The download is the codes as text.
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByRole("button", { name: "Download" }).click(),
    ]);
    expect(file.suggestedFilename()).toBe("recovery-codes.txt");
    // The list stays until the person says the codes are saved.
    await expect(list.getByRole("listitem")).toHaveCount(10);
    await panel.getByRole("button", { name: "I've saved these codes" }).click();
    await expect(list).toHaveCount(0);
    await expect(panel.getByRole("button", { name: "Turn off" })).toBeVisible();

    // Sign out, then sign in again: the password leads to the second step, not to a session.
    await page.context().clearCookies();
    await page.goto("/sign-in?callbackUrl=/account/profile");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/sign-in\/two-factor/);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name.endsWith("accounts.mfa"))?.httpOnly).toBe(true);
    expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
    const codeField = page.getByLabel("Enter the 6-digit code from your authenticator app");
    await expect(codeField).toHaveAttribute("autocomplete", "one-time-code");
    for (const width of AUDIT_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `/sign-in/two-factor at ${width} px`);
      await page.screenshot({ path: `test-results/two-factor-step-${width}.png`, fullPage: true });
    }
    await codeField.fill("000000");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("status").first()).toHaveText("That code is not right.");
    await codeField.fill(codeAt(secret));
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/account\/profile$/);

    // A recovery code instead.
    await page.context().clearCookies();
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/sign-in\/two-factor/);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]!);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/account$/);
    // A banner says the code is spent and how many are left, on the next pages too, until dismissed.
    const banner = page.getByRole("region", { name: "Recovery code used" });
    await expect(banner).toContainText("9 recovery codes left");
    for (const width of AUDIT_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `/account with the recovery-code banner at ${width} px`);
      await page.screenshot({ path: `test-results/two-factor-recovery-banner-${width}.png`, fullPage: true });
    }
    await page.goto("/account/security/two-factor");
    await expect(banner).toContainText("9 recovery codes left");
    await expect(panel.getByText("9 recovery codes left.")).toBeVisible();
    await banner.getByRole("button", { name: "Dismiss" }).click();
    await expect(banner).toHaveCount(0);
    await page.reload();
    await expect(panel.getByText("9 recovery codes left.")).toBeVisible();
    await expect(banner).toHaveCount(0);

    // Turning off asks first: Cancel (and Escape) leave it on.
    const turnOff = panel.getByRole("button", { name: "Turn off" });
    await turnOff.click();
    const confirm = page.getByRole("dialog", { name: "Turn off two-factor?" });
    await expect(confirm).toBeVisible();
    for (const width of AUDIT_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `/account/security confirming turning two-factor off at ${width} px`);
      await page.screenshot({ path: `test-results/two-factor-turn-off-confirm-${width}.png` });
    }
    // Cancel first, the destructive action last.
    await expect(confirm.getByRole("button")).toHaveText(["Cancel", "Turn off two-factor"]);
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(turnOff).toBeFocused();
    await turnOff.press("Enter");
    await expect(confirm).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(confirm).toHaveCount(0);
    await page.reload();
    await expect(panel.getByText("9 recovery codes left.")).toBeVisible();
    await expect(turnOff).toBeVisible();

    await turnOff.click();
    await confirm.getByRole("button", { name: "Turn off two-factor" }).click();
    // Said as a warning (amber), not as a success.
    const said = panel.getByText("Two-factor authentication is off.");
    await expect(said).toBeVisible();
    await expect(said).toHaveAttribute("data-tone", "warning");
    await expect(said).toHaveClass(/amber/);
    await expect(said).not.toHaveClass(/emerald|green/);
    await page.screenshot({ path: "test-results/two-factor-turned-off.png", fullPage: true });
    await expect(panel.getByRole("button", { name: "Set up two-factor" })).toBeVisible();
    await waitForMail(person.email, /Two-factor sign-in is off/);
    await waitForMail(person.email, /recovery code was used/);
  });

  test("turning on offers “Sign out everywhere else”: it ends the other browser and token, and keeps this one", async ({
    page,
    browser,
    request,
  }) => {
    const { person } = await signUpApi(request);
    // Another browser and an API token, both opened with the password alone.
    const elsewhere = await (await browser.newContext()).newPage();
    await elsewhere.goto("/sign-in");
    await signInWithForm(elsewhere, person.username, person.password);
    await expect(elsewhere).toHaveURL(/\/account$/);
    const token = await tokenFor(request, person.username, person.password);

    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/account/security/two-factor");
    const panel = page.getByRole("region", { name: "Two-factor authentication" });
    await panel.getByRole("button", { name: "Set up two-factor" }).click();
    const secret = remember((await panel.locator("code").innerText()).replace(/\s/g, ""));
    await awayFromStepEnd();
    await panel.getByLabel("Code from the app").fill(codeAt(secret, -1));
    await panel.getByRole("button", { name: "Turn on two-factor" }).click();
    await expect(panel.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
    (await panel.getByTestId("recovery-codes").getByRole("listitem").allInnerTexts()).forEach(remember);

    const offer = panel.getByRole("group", { name: "Your other sessions" });
    await expect(offer).toContainText("2 other sessions are still signed in");
    for (const width of AUDIT_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `/account/security offering to sign out elsewhere at ${width} px`);
      await panel.screenshot({ path: `test-results/two-factor-sign-out-elsewhere-${width}.png` });
    }
    await offer.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(panel.getByText("Signed out of 2 other sessions.")).toBeVisible();
    await expect(offer).toHaveCount(0);
    // The codes stay on screen until the person says they are saved.
    await expect(panel.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
    await expectAccessible(page, "/account/security after signing out elsewhere");
    await panel.getByRole("button", { name: "I've saved these codes" }).click();

    // The other browser's next request is signed out; so is the token; this browser stays signed in.
    await elsewhere.goto("/account");
    await expect(elsewhere).toHaveURL(/\/sign-in\?callbackUrl=/);
    await expectProblem(await request.get("/api/users/me", { headers: { Authorization: `Bearer ${token}` } }), 401);
    await page.reload();
    await expect(page).toHaveURL(/\/account\/security\/two-factor$/);
    await expect(panel.getByText("10 recovery codes left.")).toBeVisible();
    await page.goto("/account/security/sessions");
    await expect(page.getByRole("list", { name: "Sessions" }).getByRole("listitem")).toHaveCount(1);
    await page.goto("/account/security/two-factor");

    // New recovery codes: confirmed first, saying the old ones stop working; Cancel makes none.
    const renew = panel.getByRole("button", { name: "New recovery codes" });
    await renew.click();
    const confirm = page.getByRole("dialog", { name: "Make new recovery codes?" });
    await expect(confirm).toContainText("Your current recovery codes stop working as soon as the new ones are made.");
    await page.screenshot({ path: "test-results/two-factor-new-codes-confirm.png" });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(panel.getByTestId("recovery-codes")).toHaveCount(0);
    await renew.click();
    await confirm.getByRole("button", { name: "Make new codes" }).click();
    // The same offer (nothing left to end now), recorded in the activity list and mailed; the codes stay
    // until "I've saved these codes".
    await expect(panel.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
    (await panel.getByTestId("recovery-codes").getByRole("listitem").allInnerTexts()).forEach(remember);
    await expect(panel.getByRole("group", { name: "Your other sessions" })).toHaveCount(0);
    await expect(panel.getByRole("button", { name: "New recovery codes" })).toHaveCount(0);
    await panel.getByRole("button", { name: "I've saved these codes" }).click();
    await expect(panel.getByTestId("recovery-codes")).toHaveCount(0);
    await expect(renew).toBeVisible();
    await page.goto("/account/security/activity");
    await expect(page.getByText("New recovery codes made (the old ones no longer work)")).toBeVisible();
    await waitForMail(person.email, /New recovery codes were made/);
    await elsewhere.context().close();
  });

  test("Auth.js's own credentials callback opens no session with only the password", async ({ page, request }) => {
    const { person } = await enrolApi(request);
    await page.goto("/sign-in");
    const csrf = await (await page.request.get("/api/auth/csrf")).json();
    const res = await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, login: person.username, password: person.password, callbackUrl: "/account" },
      maxRedirects: 0,
    });
    expect(res.status()).toBeLessThan(400);
    const cookies = await page.context().cookies();
    expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
