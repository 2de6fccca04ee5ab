import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { mkdirSync } from "node:fs";
import { AUDIT_WIDTHS, expectAccessible } from "./a11y";
import { checkedRequest, expect, request as playwrightRequest, test, type APIRequestContext } from "./api-test";
import { expectProblem, newPerson, remember, signInWithForm, signUpApi, tokenFor } from "./helpers";
import { freshDatabase, portFor, startAppServer, type AppServer } from "./servers";

/**
 * Issue 28's second half, black-box on PostgreSQL: an account without a password (its hash nulled directly, as an
 * identity provider's sign-up or an email sign-in leaves it) and its connected identities (rows written directly;
 * the real provider round trip is e2e/oidc*.spec.ts). The API rows of `/api/users/me/identities`, the last way in,
 * and the pages: "No password set", "Set a password", the connected accounts list and "Disconnect".
 */
test.describe("accounts without a password and connected accounts (PostgreSQL)", () => {
  test.describe.configure({ mode: "serial" });
  test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL");
  let server: AppServer;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let sql: postgres.Sql;
  let api: APIRequestContext;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    db = await freshDatabase(process.env.TEST_DATABASE_URL!);
    // The suite's real OpenID provider (e2e/oidc-provider.mjs, E2E_PORT + 90) knows this server's callback too.
    server = await startAppServer(portFor(78), {
      DATABASE_URL: db.url,
      OIDC_ISSUER: `http://127.0.0.1:${portFor(90)}`,
      OIDC_CLIENT_ID: "accounts-e2e",
      OIDC_CLIENT_SECRET: "accounts-e2e-secret",
    });
    sql = postgres(db.url, { max: 2, onnotice: () => {} });
  });
  test.beforeEach(async () => {
    api = await checkedRequest(await playwrightRequest.newContext({ baseURL: server.url }), server.url);
  });
  test.afterEach(async () => {
    await api?.dispose();
  });
  test.afterAll(async () => {
    await sql?.end();
    const code = await server?.stop();
    await db?.drop();
    expect(code).toBe(0);
  });

  const voidPassword = (userId: string) => sql`update users set password_hash = null where id = ${userId}`;
  const connect = async (userId: string, provider: string, email: string | null) => {
    const [row] = await sql`insert into identities (user_id, provider, subject, email, email_verified)
      values (${userId}, ${provider}, ${randomUUID()}, ${email}, ${email !== null}) returning id`;
    return row!.id as string;
  };
  /** axe at both widths; with SHOTS_DIR set, a screenshot of each (to look at). */
  const audit = async (page: import("@playwright/test").Page, name: string) => {
    for (const width of AUDIT_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `${name} at ${width}`);
      if (process.env.SHOTS_DIR) {
        mkdirSync(process.env.SHOTS_DIR, { recursive: true });
        await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}-${width}.png`, fullPage: true });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  const staleProof = (userId: string) =>
    sql`update sessions set reauthenticated_at = now() - interval '1 day' where user_id = ${userId}`;

  test("the API: list, disconnect, the last way in, another account's, and the re-authentication window", async () => {
    const { person, user } = await signUpApi(api, newPerson("np"));
    const other = await signUpApi(api, newPerson("np"));
    const auth = { authorization: `Bearer ${await tokenFor(api, person.username, person.password)}` };
    const github = await connect(user.id, "github", null);
    const oidc = await connect(user.id, "oidc", person.email);
    const theirs = await connect(other.user.id, "google", other.person.email);
    await voidPassword(user.id);

    const me = await api.get("/api/users/me", { headers: auth });
    expect((await me.json()).hasPassword).toBe(false);
    const list = await api.get("/api/users/me/identities", { headers: auth });
    expect(list.status()).toBe(200);
    const { identities } = await list.json();
    expect(identities.map((i: { id: string }) => i.id)).toEqual([github, oidc]);
    expect(identities[1]).toMatchObject({ provider: "oidc", providerName: "Single sign-on", email: person.email });

    await expectProblem(await api.delete(`/api/users/me/identities/${theirs}`, { headers: auth }), 404);
    await expectProblem(await api.delete(`/api/users/me/identities/not-an-id`, { headers: auth }), 404);
    expect((await api.delete(`/api/users/me/identities/${github}`, { headers: auth })).status()).toBe(204);
    const last = await expectProblem(await api.delete(`/api/users/me/identities/${oidc}`, { headers: auth }), 409);
    expect(last.code).toBe("last_way_in");

    // Without a password, deleting the account needs the window, not a password.
    await staleProof(user.id);
    const stale = await expectProblem(await api.delete(`/api/users/me/identities/${oidc}`, { headers: auth }), 403);
    expect(stale.code).toBe("reauthentication_required");
    const noPassword = await api.delete("/api/users/me", { headers: auth, data: {} });
    expect((await expectProblem(noPassword, 403)).code).toBe("reauthentication_required");
    const theirList = await api.get("/api/users/me/identities", {
      headers: { authorization: `Bearer ${await tokenFor(api, other.person.username, other.person.password)}` },
    });
    expect((await theirList.json()).identities.map((i: { id: string }) => i.id)).toEqual([theirs]);
  });

  test("the pages: No password set, Set a password, then Disconnect", async ({ browser }) => {
    const { person, user } = await signUpApi(api, newPerson("np"));
    await connect(user.id, "oidc", person.email);
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).not.toHaveURL(/sign-in/);
    await voidPassword(user.id);

    await page.goto("/account/security");
    const methods = page.getByRole("region", { name: "Sign-in methods" });
    await expect(methods.getByText("No password set")).toBeVisible();
    await expect(methods.getByRole("link", { name: "Set", exact: true })).toHaveAttribute(
      "href",
      "/account/security/password",
    );
    await expect(methods.getByText("Single sign-on")).toBeVisible();
    await audit(page, "overview");

    // The only way in cannot go.
    await page.goto("/account/security/connected");
    const list = page.getByRole("list", { name: "Your connected accounts" });
    await expect(list.getByText(person.email)).toBeVisible();
    await audit(page, "connected");
    await list.getByRole("button", { name: "Disconnect Single sign-on" }).click();
    await audit(page, "connected-confirm");
    await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByText(/last way you can sign in/)).toBeVisible();
    await audit(page, "connected-last-way-in");
    await expect(list.getByText(person.email)).toBeVisible();

    // Outside the window, "Set a password" asks for a fresh proof (there is no password to give).
    await staleProof(user.id);
    await page.goto("/account/security/password");
    await expect(page.getByRole("heading", { name: "Set a password" })).toBeVisible();
    await expect(page.getByLabel("Current password")).toHaveCount(0);
    await audit(page, "set-password");
    const newPassword = remember(`pw-${randomUUID()}-Fresh!`);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Set password" }).click();
    const confirm = page.getByRole("dialog", { name: "Confirm it is you" });
    await expect(confirm.getByText(/Your account has no password/)).toBeVisible();
    await expect(confirm.getByLabel("Password")).toHaveCount(0);
    await audit(page, "set-password-reauth");
    await confirm.getByRole("button", { name: "Cancel" }).click();

    // Inside it, the password is set, and with it the identity may go.
    await sql`update sessions set reauthenticated_at = now() where user_id = ${user.id}`;
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByText("Your password is set.")).toBeVisible();
    await page.goto("/account/security/connected");
    await list.getByRole("button", { name: "Disconnect Single sign-on" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByText("Single sign-on is disconnected. It no longer signs you in.")).toBeVisible();
    await expect(page.getByText("No connected accounts.")).toBeVisible();
    await context.close();

    const signIn = await api.post("/api/sessions", { data: { login: person.username, password: newPassword } });
    expect(signIn.status()).toBe(201);
    remember((await signIn.json()).token);
  });

  /** At the provider: its login form (any login names the account), then its consent the first time. */
  async function atProvider(page: import("@playwright/test").Page, login: string) {
    const provider = `http://127.0.0.1:${portFor(90)}`;
    await page.waitForURL((url) => url.href.startsWith(provider));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.waitForURL((url) => !url.href.startsWith(provider) || url.pathname.startsWith("/interaction/"));
    const consent = page.getByRole("button", { name: "Continue" });
    if (page.url().startsWith(provider) && (await consent.isVisible().catch(() => false))) await consent.click();
    await page.waitForURL((url) => !url.href.startsWith(provider));
  }

  test("the real provider: confirm it is you with it (a fresh sign-in there), then connect another", async ({
    browser,
  }) => {
    const login = `pl${randomUUID().slice(0, 8)}`;
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Continue with Single sign-on" }).click();
    await atProvider(page, login);
    await expect(page).toHaveURL(/\/account$/);
    const [user] = await sql`select id, password_hash from users where username = ${login}`;
    expect(user!.password_hash).toBeNull();

    // Outside the window, "Set a password" asks for a proof: the provider, asked to authenticate again.
    await staleProof(user!.id as string);
    await page.goto("/account/security/password");
    const newPassword = remember(`pw-${randomUUID()}-Fresh!`);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Set password" }).click();
    const confirm = page.getByRole("dialog", { name: "Confirm it is you" });
    await confirm.getByRole("button", { name: "Continue with Single sign-on" }).click();
    await atProvider(page, login);
    await expect(page).toHaveURL(/\/account\/security\/password\?identity=reauthenticated/);
    await expect(page.getByText(/^Confirmed\./)).toBeVisible();
    const [proof] = await sql`select count(*)::int as n from sessions
      where user_id = ${user!.id} and reauthenticated_at > now() - interval '1 minute'`;
    expect(proof!.n).toBe(1);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByText("Your password is set.")).toBeVisible();

    // Another identity at the provider, connected from the security page (inside the window now).
    const second = `pl${randomUUID().slice(0, 8)}`;
    await page.goto("/account/security/connected");
    await page.getByRole("button", { name: "Connect Single sign-on", exact: true }).click();
    await atProvider(page, second);
    await expect(page).toHaveURL(/\/account\/security\/connected\?identity=connected/);
    await expect(page.getByText("The account is connected: you can sign in with it from now on.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Your connected accounts" }).getByRole("listitem")).toHaveCount(2);
    const rows = await sql`select subject from identities where user_id = ${user!.id}`;
    expect(rows).toHaveLength(2);
    await context.close();
  });
});
