import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { generateSync } from "otplib";
import {
  checkedRequest,
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from "./api-test";
import { awayFromStepEnd, expectProblem, newPerson, remember, RUN_DIR, signInWithForm, waitForMail } from "./helpers";
import { freshDatabase, portFor, startAppServer, type AppServer } from "./servers";

/**
 * Issue 25, item 1, black-box: wrong second-step codes from several browsers count against the
 * account-wide limit (LIMIT_SIGN_IN_FAILURES_ACCOUNT, 20 an hour, doubling), whatever device cookies
 * those browsers carry. Each browser comes from an address of its own (X-Forwarded-For, on a server of
 * our own with TRUST_PROXY=1), so the per-address limits take no part and the count is the account's.
 */

/**
 * The code an authenticator app shows `steps` periods from now. Like e2e/two-factor.spec.ts, every code
 * typed (right or wrong) goes to the list e2e/log-audit.spec.ts looks for in the server's log.
 */
const recordCode = (code: string) => {
  mkdirSync(RUN_DIR, { recursive: true });
  appendFileSync(path.join(RUN_DIR, "otp-codes.txt"), code + "\n");
  return code;
};
const codeAt = (secret: string, steps = 0) =>
  recordCode(generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 }));
/** A six-digit code the app would not accept now (none of the steps one either side). */
function wrongCode(secret: string, n: number) {
  const now = Math.floor(Date.now() / 1000);
  const right = new Set([-60, -30, 0, 30, 60].map((d) => generateSync({ secret, epoch: now + d })));
  for (let c = 100_000 + ((n * 7919) % 800_000); ; c++) if (!right.has(String(c))) return recordCode(String(c));
}

test.describe("the second factor's budget is the account's, across browsers (TRUST_PROXY)", () => {
  test.describe.configure({ mode: "serial" });
  let server: AppServer;
  let api: APIRequestContext;
  let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  let seq = 0;
  const address = () => `198.19.${Math.floor(++seq / 250)}.${(seq % 250) + 1}`;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const adminUrl = process.env.TEST_DATABASE_URL;
    db = adminUrl ? await freshDatabase(adminUrl) : undefined;
    server = await startAppServer(portFor(37), {
      TRUST_PROXY: "1",
      // The suite's mail sink (playwright.config.ts), so the unlock mail can be waited for.
      SMTP_URL: `smtp://127.0.0.1:${portFor(22)}`,
      ...(db
        ? { DATABASE_URL: db.url }
        : { DATABASE_URL: "", PGLITE_DIR: path.join(RUN_DIR, `pglite-mfa-budget-${Date.now()}`) }),
    });
  });
  test.beforeEach(async () => {
    api = await checkedRequest(await playwrightRequest.newContext({ baseURL: server.url }), server.url);
  });
  test.afterEach(async () => {
    await api?.dispose();
  });
  test.afterAll(async () => {
    const code = await server?.stop();
    await db?.drop();
    expect(code).toBe(0);
  });

  type Person = ReturnType<typeof newPerson>;
  async function signUp(person: Person) {
    const res = await api.post("/api/users", { data: person, headers: { "x-forwarded-for": address() } });
    expect(res.status()).toBe(201);
  }

  /** The owner turns two-factor on over the API: the secret and the recovery codes. */
  async function enrol(person: Person) {
    const headers = { "x-forwarded-for": address() };
    const signedIn = await api.post("/api/sessions", {
      data: { login: person.username, password: person.password },
      headers,
    });
    expect(signedIn.status()).toBe(201);
    const auth = { ...headers, authorization: `Bearer ${remember((await signedIn.json()).token)}` };
    const { secret } = await (await api.post("/api/users/me/totp", { headers: auth })).json();
    remember(secret);
    await awayFromStepEnd();
    const confirmed = await api.post("/api/users/me/totp/confirm", {
      headers: auth,
      data: { code: codeAt(secret, -1) },
    });
    expect(confirmed.status()).toBe(200);
    const recoveryCodes = ((await confirmed.json()).recoveryCodes as string[]).map(remember);
    return { secret, recoveryCodes };
  }

  /** A browser of its own, from an address of its own. */
  async function newBrowser(browser: Browser) {
    const context = await browser.newContext({
      baseURL: server.url,
      extraHTTPHeaders: { "x-forwarded-for": address() },
    });
    return { context, page: await context.newPage() };
  }

  /** Keeps the browser's device cookie (remembered for the log audit) and drops its session. */
  async function signedOutKeepingDevice(context: BrowserContext) {
    const device = (await context.cookies()).find((c) => c.name === "accounts.device");
    expect(device?.httpOnly).toBe(true);
    remember(device!.value);
    await context.clearCookies();
    await context.addCookies([device!]);
  }

  /** The password step: "code" (the two-factor page) or the sign-in form's "Too many attempts…" sentence. */
  async function passwordStep(page: Page, person: Person): Promise<string> {
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    const refused = page.getByRole("status").filter({ hasText: /Too many attempts/ });
    await expect(page.getByLabel("Enter the 6-digit code from your authenticator app").or(refused)).toBeVisible();
    return /\/sign-in\/two-factor/.test(page.url()) ? "code" : (await refused.innerText()).trim();
  }

  /** One code on the two-factor page: the form's answer ("That code is not right.", "Too many attempts…"). */
  async function codeStep(page: Page, code: string): Promise<string> {
    const field = page.getByLabel("Enter the 6-digit code from your authenticator app");
    await field.fill(code);
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && /two-factor/.test(r.url()));
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await answered;
    // The form keeps what was typed (lib/forms/kept-form.ts) and is busy until the answer is shown: once it is
    // not, the message is this answer's.
    await expect(page.locator('form[aria-busy="true"]')).toHaveCount(0);
    return (await page.getByRole("status").first().innerText()).trim();
  }

  const WRONG = "That code is not right.";
  const wait = (minutes: number) => `Too many attempts. Try again in ${minutes} minutes.`;

  test("six browsers that signed in before two-factor was on: 20 wrong codes between them, then the account's limit", async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const person = newPerson("mb");
    await signUp(person);
    // While two-factor is off, six browsers sign in: each keeps a device cookie for the account.
    const browsers = [];
    for (let i = 0; i < 6; i++) {
      const b = await newBrowser(browser);
      await b.page.goto("/sign-in");
      await signInWithForm(b.page, person.username, person.password);
      await b.page.waitForURL(/\/account$/);
      await signedOutKeepingDevice(b.context);
      browsers.push(b);
    }
    // The owner turns two-factor on.
    const { secret } = await enrol(person);

    // Each browser: the password, then up to 5 wrong codes (a challenge dies at its 5th).
    const answers: string[] = [];
    for (const [i, { page }] of browsers.entries()) {
      const step = await passwordStep(page, person);
      if (step !== "code") {
        answers.push(step);
        continue;
      }
      for (let k = 0; k < 5; k++) answers.push(await codeStep(page, wrongCode(secret, i * 5 + k)));
    }
    // 20 wrong codes were checked, then the account's limit held, doubling its wait. The fifth browser is
    // refused at its password: its cookie, older than two-factor, no longer makes it a known browser.
    expect(answers).toEqual([...Array(20).fill(WRONG), wait(60), wait(120)]);
    // The API says it with a 429, the wait doubled again; the owner was mailed the unlock link.
    const res = await api.post("/api/sessions", {
      data: { login: person.username, password: person.password },
      headers: { "x-forwarded-for": address() },
    });
    await expectProblem(res, 429);
    expect(Math.round(Number(res.headers()["retry-after"]) / 60)).toBe(240);
    await waitForMail(person.email, /Sign-in to your Accounts account is paused/);
    await Promise.all(browsers.map((b) => b.context.close()));
  });

  test("six browsers that signed in with two-factor on keep their cookies' standing but share the same 20 codes", async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const person = newPerson("mc");
    await signUp(person);
    const { secret, recoveryCodes } = await enrol(person);
    // Device cookies carry whole seconds: the sign-ins below are past the second two-factor was turned on in.
    await new Promise((r) => setTimeout(r, 1_100));
    const browsers = [];
    for (let i = 0; i < 6; i++) {
      const b = await newBrowser(browser);
      expect(await passwordStep(b.page, person)).toBe("code");
      await b.page.getByRole("button", { name: "Use a recovery code instead" }).click();
      await b.page.getByLabel("Recovery code").fill(recoveryCodes[i]!);
      await b.page.getByRole("button", { name: "Sign in", exact: true }).click();
      await b.page.waitForURL(/\/account$/);
      await signedOutKeepingDevice(b.context);
      browsers.push(b);
    }

    const answers: string[] = [];
    for (const [i, { page }] of browsers.slice(0, 5).entries()) {
      // A known browser's right password always reaches the code step.
      expect(await passwordStep(page, person)).toBe("code");
      for (let k = 0; k < (i < 4 ? 5 : 2); k++) answers.push(await codeStep(page, wrongCode(secret, i * 5 + k)));
    }
    expect(answers).toEqual([...Array(20).fill(WRONG), wait(60), wait(120)]);
    // The sixth browser: in to the code step, where even the right code waits for the back-off.
    const last = browsers[5]!.page;
    expect(await passwordStep(last, person)).toBe("code");
    expect(await codeStep(last, codeAt(secret))).toBe(wait(240));
    await waitForMail(person.email, /Sign-in to your Accounts account is paused/);
    await Promise.all(browsers.map((b) => b.context.close()));
  });
});
