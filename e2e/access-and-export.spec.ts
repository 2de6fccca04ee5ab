import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { expectAccessible } from "./a11y";
import { adminServer } from "./admin-server";
import { expect, test, type Page } from "./api-test";
import { expectProblem, newPerson, remember, signInWithForm, signUpApi, tokenFor, waitForMail } from "./helpers";
import { portFor } from "./servers";

/**
 * Issue 30's "Your data" and "One list": the account page's "Download your data" (GET /api/users/me/export:
 * re-authentication, 3 a day, mailed) and the security page's "Access to your account" (every kind, each
 * with its button, and "Sign out everywhere else", which ends keys too).
 */

/** The shapes a secret has here: none may be in an export. */
const SECRET_SHAPES = [/\$2[aby]?\$\d\d\$/, /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/, /acc_/, /whsec_/];

async function download(page: Page): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download your data" }).click(),
  ]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, "utf8") };
}

test.describe("your data", () => {
  test("the account page downloads one JSON file with no secret, mails the owner, and the day allows 3", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("exp"));
    const token = await tokenFor(request, person.username, person.password);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    const region = page.getByRole("region", { name: "Your data" });
    await expect(region).toBeVisible();
    const { name, text } = await download(page);
    expect(name).toMatch(new RegExp(`^${person.username}-\\d{4}-\\d\\d-\\d\\d\\.json$`));
    const doc = JSON.parse(text);
    expect(doc.profile.username).toBe(person.username);
    expect(doc.emails[0].address).toBe(person.email);
    expect(doc.sessions.length).toBeGreaterThanOrEqual(2);
    for (const shape of SECRET_SHAPES) expect(text).not.toMatch(shape);
    expect(text).not.toContain(token);
    expect(text).not.toContain(person.password);
    await expect(region.getByText(/Your data is downloaded/)).toBeVisible();
    await waitForMail(person.email, /data was exported/);

    // The API: the same document (checked against the OpenAPI document by the fixture), then 429.
    const auth = { authorization: `Bearer ${token}` };
    const first = await request.get("/api/users/me/export", { headers: auth });
    expect(first.status()).toBe(200);
    expect(first.headers()["content-disposition"]).toMatch(/^attachment; filename=/);
    expect((await request.get("/api/users/me/export", { headers: auth })).status()).toBe(200);
    const refused = await request.get("/api/users/me/export", { headers: auth });
    await expectProblem(refused, 429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    await waitForMail(person.email, /data was exported/, 3);
    // The browser says so too.
    await page.getByRole("button", { name: "Download your data" }).click();
    await expect(region.getByText(/Too many attempts/)).toBeVisible();
    expect((await request.get("/api/users/me/export")).status()).toBe(401);
  });
});

test.describe("with a database of its own", () => {
  // One server of its own on one port: its tests run in one worker, one after another.
  test.describe.configure({ mode: "serial" });
  test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (a PostgreSQL server)");
  let ctx: Awaited<ReturnType<typeof adminServer>>;
  let sql: postgres.Sql;
  test.beforeAll(async () => {
    ctx = await adminServer(portFor(43));
    sql = postgres(ctx.dbUrl, { max: 1, onnotice: () => {} });
  });
  test.afterAll(async () => {
    await sql?.end();
    await ctx?.close();
  });

  const signUp = async (prefix: string) => {
    const person = newPerson(prefix);
    const res = await fetch(`${ctx.server.url}/api/users`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(person),
    });
    expect(res.status).toBe(201);
    return { person, id: ((await res.json()) as { id: string }).id };
  };
  const apiToken = async (login: string, password: string) => {
    const res = await fetch(`${ctx.server.url}/api/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": "curl/8.5" },
      body: JSON.stringify({ login, password }),
    });
    return remember(((await res.json()) as { token: string }).token);
  };

  test("outside the re-authentication window: 403 reauthentication_required, then “Confirm it is you” carries on", async ({
    page,
  }) => {
    const { person, id } = await signUp("exr");
    const token = await apiToken(person.username, person.password);
    await page.goto(`${ctx.server.url}/sign-in`);
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await sql`update sessions set reauthenticated_at = now() - interval '1 day' where user_id = ${id}`;
    const refused = await fetch(`${ctx.server.url}/api/users/me/export`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe("reauthentication_required");

    await page.getByRole("button", { name: "Download your data" }).click();
    const prompt = page.getByRole("dialog", { name: "Confirm it is you" });
    await expect(prompt).toBeVisible();
    await prompt.getByLabel("Password").fill(person.password);
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      prompt.getByRole("button", { name: "Confirm" }).click(),
    ]);
    expect(JSON.parse(readFileSync((await file.path())!, "utf8")).profile.username).toBe(person.username);
  });

  test("“Access to your account” lists every kind; its buttons end each; “Sign out everywhere else” ends keys too", async ({
    page,
    browser,
  }) => {
    const { person, id } = await signUp("acc");
    const admin = await signUp("accadm");
    await sql`update users set role = 'admin' where id = ${admin.id}`;
    const apiTokenA = await apiToken(person.username, person.password);
    await apiToken(person.username, person.password);
    // A key, an identity and an administrator's impersonation, as issue 30's other parts write them.
    const key = `acc_${randomBytes(32).toString("base64url")}`;
    const keyHash = createHash("sha256").update(key).digest("base64url");
    await sql`insert into api_keys (user_id, name, prefix, key_hash, scopes)
      values (${id}, 'Deploy bot', ${key.slice(0, 12)}, ${keyHash}, ${sql.json(["posts:read"])}),
             (${id}, 'Backup script', ${"acc_Zz9"}, ${createHash("sha256")
               .update("x" + key)
               .digest("base64url")}, ${sql.json([])})`;
    await sql`insert into identities (user_id, provider, subject, email) values (${id}, 'github', ${randomBytes(8).toString("hex")}, 'a@github.example')`;
    const [adminSession] = await sql`insert into sessions (user_id, token_hash, kind, expires_at)
      values (${admin.id}, ${randomBytes(32).toString("base64url")}, 'browser', now() + interval '1 day') returning id`;
    await sql`insert into sessions (user_id, token_hash, kind, expires_at, impersonator_id, impersonation_reason, parent_session_id)
      values (${id}, ${randomBytes(32).toString("base64url")}, 'browser', now() + interval '30 minutes', ${admin.id},
              'Helping with a stuck post', ${adminSession!.id})`;
    // A second browser.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(`${ctx.server.url}/sign-in`);
    await signInWithForm(otherPage, person.username, person.password);
    await expect(otherPage).toHaveURL(/\/account$/);

    await page.goto(`${ctx.server.url}/sign-in`);
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(`${ctx.server.url}/account/security`);
    await expect(page.getByRole("link", { name: "Access to your account" }).first()).toBeVisible();
    await page.goto(`${ctx.server.url}/account/security/sessions`);
    const region = page.getByRole("region", { name: "Access to your account" });
    await expect(region).toBeVisible();
    const list = region.getByRole("list", { name: "Sessions" });
    // This browser, the other one, two API tokens, two keys, GitHub, the impersonation.
    await expect(list.getByRole("listitem")).toHaveCount(8);
    await expect(list.getByRole("listitem").first()).toContainText("This device");
    const item = (kind: string, label: string | RegExp) =>
      list.getByRole("listitem", { name: `${kind}: ` }).filter({ hasText: label });
    await expect(item("API key", "Deploy bot")).toContainText(`API key ${key.slice(0, 12)}`);
    await expect(item("Connected account", "GitHub")).toContainText("Sign-in with GitHub");
    await expect(item("Administrator", "acting as you")).toContainText("Helping with a stuck post");
    await expect(list).not.toContainText(admin.person.username);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 1000 });
      await expectAccessible(page, `/account/security/sessions with every kind at ${width} px`);
      await page.screenshot({ path: `/tmp/shots-h/access-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 1000 });

    // The API lists the same, newest use first.
    const res = await fetch(`${ctx.server.url}/api/users/me/access`, {
      headers: { authorization: `Bearer ${apiTokenA}` },
    });
    const { access } = (await res.json()) as { access: { kind: string; current: boolean }[] };
    expect(new Set(access.map((a) => a.kind))).toEqual(new Set(["session", "api_key", "identity", "impersonation"]));
    expect(access[0]!.current).toBe(true);

    // One key revoked by its own button; the impersonation ended by its own.
    await item("API key", "Backup script")
      .getByRole("button", { name: /Revoke/ })
      .click();
    await expect(list.getByRole("listitem")).toHaveCount(7);
    await item("Administrator", "acting as you").getByRole("button", { name: /End/ }).click();
    await expect(list.getByRole("listitem")).toHaveCount(6);

    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(region.getByText(/Signed out of 3 other sessions\. 1 API key was revoked\./)).toBeVisible();
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await expect(item("Connected account", "GitHub")).toBeVisible();
    expect(await sql`select id from api_keys where user_id = ${id}`).toHaveLength(0);
    const gone = await fetch(`${ctx.server.url}/api/users/me/access`, {
      headers: { authorization: `Bearer ${apiTokenA}` },
    });
    expect(gone.status).toBe(401);
    await otherPage.goto(`${ctx.server.url}/account`);
    await expect(otherPage).toHaveURL(/\/sign-in\?callbackUrl=/);
    await other.close();
  });
});
