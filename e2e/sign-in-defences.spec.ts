import { randomBytes } from "node:crypto";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { checkedRequest, expect, request as playwrightRequest, test, type APIRequestContext } from "./api-test";
import {
  expectProblem,
  linkFrom,
  mailTo,
  newPerson,
  remember,
  RUN_DIR,
  signInWithForm,
  signOutWithMenu,
  signUpApi,
  waitForMail,
} from "./helpers";
import { freshDatabase, portFor, startAppServer, type AppServer } from "./servers";

// Issue 12, items 3, 4, 9, 10 and 11: the sign-in path under attack.

/** A request context of its own whose every API answer is checked against the OpenAPI document. */
const checkedContext = async (baseURL: string) =>
  checkedRequest(await playwrightRequest.newContext({ baseURL }), baseURL);

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

/** Auth.js's own credentials endpoint: the `code` of the redirect (`credentials`, `rate_limited`) or "ok". */
async function callbackSignIn(ctx: APIRequestContext, base: string, login: string, password: string) {
  const { csrfToken } = await (await ctx.get(`${base}/api/auth/csrf`)).json();
  const res = await ctx.post(`${base}/api/auth/callback/credentials`, {
    form: { csrfToken, login, password },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  const location = new URL(res.headers()["location"]!, base);
  return { code: location.searchParams.get("code") ?? "ok", res };
}

test.describe("sign-in under parallel guesses (one address)", () => {
  test("40 wrong passwords at once to POST /api/sessions: 5 × 401, the other 35 × 429", async ({ request }) => {
    const { person } = await signUpApi(request);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request.post("/api/sessions", { data: { login: person.username, password: remember(`wrong-par-${i}`) } }),
      ),
    );
    expect(tally(responses.map((r) => r.status()))).toEqual({ 401: 5, 429: 35 });
    const limited = responses.find((r) => r.status() === 429)!;
    await expectProblem(limited, 429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  });

  test("12 wrong passwords at once to Auth.js's /api/auth/callback/credentials: 5 compared, 7 refused", async ({
    baseURL,
  }) => {
    const setup = await checkedContext(baseURL!);
    const { person } = await signUpApi(setup);
    const contexts = await Promise.all(Array.from({ length: 12 }, () => checkedContext(baseURL!)));
    const codes = await Promise.all(
      contexts.map((ctx, i) => callbackSignIn(ctx, baseURL!, person.email, remember(`wrong-cb-${i}`))),
    );
    expect(tally(codes.map((c) => (c.code === "credentials" ? 401 : c.code === "rate_limited" ? 429 : 0)))).toEqual({
      401: 5,
      429: 7,
    });
    await Promise.all([setup, ...contexts].map((c) => c.dispose()));
  });
  test("7 wrong passwords sent at once from sign-in forms: 5 say incorrect, 2 say too many attempts", async ({
    browser,
    request,
  }) => {
    const { person } = await signUpApi(request);
    const context = await browser.newContext();
    const pages = await Promise.all(Array.from({ length: 7 }, () => context.newPage()));
    for (const [i, page] of pages.entries()) {
      await page.goto("/sign-in");
      await page.getByLabel("Username or email").fill(person.username);
      await page.getByLabel("Password").fill(remember(`wrong-form-${i}-${Date.now()}`));
    }
    await Promise.all(pages.map((page) => page.getByRole("button", { name: "Sign in", exact: true }).click()));
    const messages = await Promise.all(
      pages.map(async (page) => {
        const status = page.getByRole("status").filter({ hasText: /Incorrect|Too many/ });
        await expect(status).toBeVisible({ timeout: 30_000 });
        return (await status.textContent())!;
      }),
    );
    expect(messages.filter((m) => /Incorrect username, email or password/.test(m))).toHaveLength(5);
    expect(messages.filter((m) => /Too many attempts\. Try again in \d+ minutes/.test(m))).toHaveLength(2);
    await context.close();
  });
});

test.describe("browser sessions", () => {
  test("Auth.js's callback sets the HttpOnly device cookie; signing in again ends the older session row", async ({
    baseURL,
  }) => {
    const ctx = await checkedContext(baseURL!);
    const { person } = await signUpApi(ctx);
    const first = await callbackSignIn(ctx, baseURL!, person.username, person.password);
    expect(first.code).toBe("ok");
    const setCookies = first.res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie");
    const device = setCookies.find((h) => h.value.startsWith("accounts.device="));
    expect(device?.value).toMatch(/HttpOnly/i);
    remember(decodeURIComponent(device!.value.split(";")[0]!.slice("accounts.device=".length)));
    expect(device?.value).toMatch(/SameSite=Lax/i);
    const sessionCookie = (await ctx.storageState()).cookies.find((c) => c.name === "accounts.session")!;
    remember(sessionCookie.value);

    const again = await callbackSignIn(ctx, baseURL!, person.username, person.password);
    expect(again.code).toBe("ok");
    // The new cookie works; the old one names a deleted row now.
    expect(await (await ctx.get("/account")).text()).toContain(person.email);
    const stale = await checkedContext(baseURL!);
    await stale.storageState(); // empty
    const old = await stale.get("/account", {
      headers: { cookie: `accounts.session=${sessionCookie.value}` },
      maxRedirects: 0,
    });
    expect(old.status()).toBe(307);
    await Promise.all([ctx.dispose(), stale.dispose()]);
  });

  test("the sessions list says when an unused session ends", async ({ page, request }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await page.waitForURL(/\/account/);
    await page.goto("/account/security/sessions");
    const list = page.getByRole("list", { name: "Sessions" });
    await expect(list).toContainText(/Ends in \d+ days if not used before, and .+ at the latest/);
  });

  test("a password of 72 bytes and more is a wrong password, never a match by its prefix", async ({ request }) => {
    // Exactly 72 bytes: 30 × 2 + 12.
    const person = { ...newPerson("b72"), password: remember("é".repeat(30) + randomBytes(6).toString("hex")) };
    expect(Buffer.byteLength(person.password)).toBe(72);
    await signUpApi(request, person);
    for (const longer of [person.password + "x", person.password + remember("-anything-at-all")]) {
      await expectProblem(
        await request.post("/api/sessions", { data: { login: person.username, password: longer } }),
        401,
      );
    }
    expect(
      (await request.post("/api/sessions", { data: { login: person.username, password: person.password } })).status(),
    ).toBe(201);
  });
});

// Many addresses need a server that believes X-Forwarded-For: one of our own, with TRUST_PROXY=1, on
// PostgreSQL when TEST_DATABASE_URL is set and on PGlite otherwise, mailing into the shared sink.
test.describe("lock-out from many addresses (TRUST_PROXY)", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(120_000);
  let server: AppServer;
  let api: APIRequestContext;
  let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  let seq = 0;
  const xff = () => ({ "x-forwarded-for": `198.18.${Math.floor(++seq / 250)}.${(seq % 250) + 1}` });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const adminUrl = process.env.TEST_DATABASE_URL;
    db = adminUrl ? await freshDatabase(adminUrl) : undefined;
    server = await startAppServer(portFor(30), {
      TRUST_PROXY: "1",
      SMTP_URL: `smtp://127.0.0.1:${portFor(22)}`,
      ...(db
        ? { DATABASE_URL: db.url }
        : { DATABASE_URL: "", PGLITE_DIR: path.join(RUN_DIR, `pglite-proxy-${Date.now()}`) }),
    });
  });

  // A context per test: no kept-alive socket idles between tests (one the server may close as it is reused).
  test.beforeEach(async () => {
    api = await checkedContext(server.url);
  });
  test.afterEach(async () => {
    await api?.dispose();
  });

  test.afterAll(async () => {
    const code = await server?.stop();
    await db?.drop();
    expect(code).toBe(0);
  });

  async function wrongFromMany(login: string, n: number) {
    return Promise.all(
      Array.from({ length: n }, (_, i) =>
        api.post("/api/sessions", { data: { login, password: remember(`wrong-many-${i}-${seq}`) }, headers: xff() }),
      ),
    );
  }

  test("40 wrong passwords at once from 40 addresses: 20 × 401, 20 × 429; the owner is mailed once, and the link unlocks once", async ({
    page,
  }) => {
    const { person } = await signUpApi(api, newPerson("lk"));
    const responses = await wrongFromMany(person.username, 40);
    expect(tally(responses.map((r) => r.status()))).toEqual({ 401: 20, 429: 20 });
    // The owner's right password, from an address of its own, is held too.
    const owner = await api.post("/api/sessions", {
      data: { login: person.username, password: person.password },
      headers: xff(),
    });
    await expectProblem(owner, 429);
    await wrongFromMany(person.username, 5);

    const mail = await waitForMail(person.email, /Sign-in to your Accounts account is paused/);
    await page.waitForTimeout(1000); // anything more would have arrived by now
    expect(mailTo(person.email).filter((m) => /is paused/.test(m.subject))).toHaveLength(1);
    const { url } = linkFrom(mail);
    expect(url.startsWith(`${server.url}/unlock-sign-in?token=`)).toBe(true);

    // Opening the link (twice, as a mail scanner would) spends nothing.
    await page.goto(url);
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Unlock sign-in" })).toBeVisible();
    await page.getByRole("button", { name: "Unlock sign-in" }).click();
    await expect(page.getByRole("status")).toHaveText(/Sign-in is unlocked/);
    const signedIn = await api.post("/api/sessions", {
      data: { login: person.username, password: person.password },
      headers: xff(),
    });
    expect(signedIn.status()).toBe(201);
    const token = remember((await signedIn.json()).token as string);

    // Replayed, the link does nothing: the page says so when it opens.
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Unlock sign-in" })).toHaveCount(0);

    const events = await api.get("/api/users/me/events?limit=100", { headers: { authorization: `Bearer ${token}` } });
    const types = ((await events.json()).events as { type: string }[]).map((e) => e.type);
    expect(types.filter((t) => t === "sign_in.locked")).toHaveLength(1);
    expect(types).toContain("sign_in.unlocked");
    await page.goto(`${server.url}/sign-in`);
    await signInWithForm(page, person.username, person.password);
    await page.waitForURL(/\/account/);
    await page.goto(`${server.url}/account/security/activity`);
    // Each refused address left a "blocked" line since: the lock is a page or two down the list.
    const locked = page.getByText("Sign-in locked after too many failed attempts (unlock link emailed)");
    for (let i = 0; i < 4 && !(await locked.isVisible()); i++) {
      await page.getByRole("button", { name: "Load more" }).click();
      await page.waitForTimeout(500);
    }
    await expect(locked).toBeVisible();
  });

  test("a browser that signed in before still gets in while strangers hold the account locked", async ({ browser }) => {
    const { person } = await signUpApi(api, newPerson("dv"));
    const mine = await browser.newContext();
    const page = await mine.newPage();
    await page.goto(`${server.url}/sign-in`);
    await signInWithForm(page, person.username, person.password);
    await page.waitForURL(/\/account/);
    const device = (await mine.cookies()).find((c) => c.name === "accounts.device");
    expect(device?.httpOnly).toBe(true);
    remember(device!.value);
    await signOutWithMenu(page);
    await page.waitForURL(/\/sign-in|\/$/);

    const guesses = await wrongFromMany(person.username, 30);
    expect(tally(guesses.map((r) => r.status()))).toEqual({ 401: 20, 429: 10 });

    // Another browser: refused, even with the right password.
    const stranger = await browser.newContext();
    const other = await stranger.newPage();
    await other.goto(`${server.url}/sign-in`);
    await signInWithForm(other, person.username, person.password);
    // The sign-in page has two live regions (the form's and the passkey button's): the form's says it.
    const refused = other.getByRole("status").filter({ hasText: /Too many attempts/ });
    await expect(refused).toHaveText(/Too many attempts\. Try again in \d+ minutes\./);
    // A forged device cookie for this account does not help either.
    await stranger.addCookies([
      { name: "accounts.device", value: device!.value.replace(/.$/, (c) => (c === "A" ? "B" : "A")), url: server.url },
    ]);
    await other.goto(`${server.url}/sign-in`);
    await signInWithForm(other, person.username, person.password);
    await expect(refused).toHaveText(/Too many attempts/);

    // The browser that signed in before: in at once.
    await page.goto(`${server.url}/sign-in`);
    await signInWithForm(page, person.username, person.password);
    await page.waitForURL(/\/account/);
    await expect(page.getByText(person.email).first()).toBeVisible();
    await Promise.all([mine.close(), stranger.close()]);
  });
});

// Item 11: a hash made at a lower BCRYPT_COST is made again at the new cost by the next sign-in.
test.describe("rehash after BCRYPT_COST is raised (restart at cost 5)", () => {
  test.setTimeout(180_000);

  test("sign in at cost 4, restart at cost 5, sign in: the stored hash has cost 5", async () => {
    const adminUrl = process.env.TEST_DATABASE_URL;
    const pg = adminUrl ? await freshDatabase(adminUrl) : undefined;
    const pgliteDir = path.join(RUN_DIR, `pglite-rehash-${Date.now()}`);
    const database: Record<string, string> = pg
      ? { DATABASE_URL: pg.url }
      : { DATABASE_URL: "", PGLITE_DIR: pgliteDir };
    const person = newPerson("rh");
    const signInOnce = async (server: AppServer) => {
      const ctx = await checkedContext(server.url);
      const res = await ctx.post("/api/sessions", { data: { login: person.username, password: person.password } });
      expect(res.status()).toBe(201);
      remember((await res.json()).token);
      await ctx.dispose();
    };
    const storedCost = async () => {
      let hash: string;
      if (pg) {
        const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
        hash = (await sql`select password_hash from users where username = ${person.username}`)[0]!.password_hash;
        await sql.end();
      } else {
        const db = new PGlite(pgliteDir);
        hash = (
          await db.query<{ password_hash: string }>("select password_hash from users where username = $1", [
            person.username,
          ])
        ).rows[0]!.password_hash;
        await db.close();
      }
      return Number(/^\$2[abxy]\$(\d\d)\$/.exec(hash)![1]);
    };
    try {
      let server = await startAppServer(portFor(31), { ...database, BCRYPT_COST: "4" });
      const ctx = await checkedContext(server.url);
      expect((await ctx.post("/api/users", { data: person })).status()).toBe(201);
      await ctx.dispose();
      await signInOnce(server);
      expect(await server.stop()).toBe(0);
      expect(await storedCost()).toBe(4);

      server = await startAppServer(portFor(31), { ...database, BCRYPT_COST: "5" });
      await signInOnce(server);
      expect(await server.stop()).toBe(0);
      expect(await storedCost()).toBe(5);
    } finally {
      await pg?.drop();
    }
  });
});
