import path from "node:path";
import postgres from "postgres";
import { expect, test } from "./api-test";
import { adminCli, adminServer } from "./admin-server";
import { expectAccessible } from "./a11y";
import { expectProblem, linkFrom, newPerson, openAccountMenu, remember, signInWithForm, waitForMail } from "./helpers";
import { portFor } from "./servers";

/**
 * The console and its API, as an administrator and as an ordinary user, on a server of its own
 * (PostgreSQL, so `npm run admin -- grant` can run beside it), on offset 55. The CLI on PGlite, which needs
 * no PostgreSQL, is e2e/admin-cli.spec.ts (offset 56).
 */
const PORT = portFor(55);
test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (a PostgreSQL server)");
test.use({ baseURL: `http://127.0.0.1:${PORT}` });
test.describe.configure({ mode: "serial" });

let ctx: Awaited<ReturnType<typeof adminServer>>;
const admin = newPerson("adm");
let adminToken = "";
const auth = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function signUp(person: ReturnType<typeof newPerson>) {
  const res = await fetch(`${ctx.server.url}/api/users`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(person),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}
async function token(login: string, password: string) {
  const res = await fetch(`${ctx.server.url}/api/sessions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  expect(res.status).toBe(201);
  return remember(((await res.json()) as { token: string }).token);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  ctx = await adminServer(PORT);
  await signUp(admin);
  const granted = await adminCli("grant", admin.email, { DATABASE_URL: ctx.dbUrl });
  expect(granted.status, granted.out).toBe(0);
  expect(granted.out).toContain("is now an administrator");
  adminToken = await token(admin.username, admin.password);
});
test.afterAll(async () => ctx?.close());

const adminRoutes = (id: string) =>
  [
    ["get", "/api/admin/users"],
    ["get", `/api/admin/users/${id}`],
    ["patch", `/api/admin/users/${id}`],
    ["delete", `/api/admin/users/${id}`],
    ["delete", `/api/admin/users/${id}/sessions`],
    ["post", `/api/admin/users/${id}/password-reset`],
    ["post", `/api/admin/users/${id}/email-verification`],
    ["get", "/api/admin/events"],
  ] as const;

test("every admin route is 403 to an ordinary user and 401 without a token", async ({ request }) => {
  const person = newPerson("usr");
  const user = await signUp(person);
  const userToken = await token(person.username, person.password);
  for (const [method, url] of adminRoutes(user.id)) {
    const data = method === "patch" ? { role: "admin" } : undefined;
    await expectProblem(await request[method](url, { ...auth(userToken), data }), 403);
    await expectProblem(await request[method](url, { data }), 401);
  }
  expect((await request.get("/api/users/me", auth(userToken))).status()).toBe(200);
  // Mass assignment stays closed: the person's own PATCH cannot set a role or disabled.
  const own = await request.patch("/api/users/me", { ...auth(userToken), data: { role: "admin", disabled: false } });
  expect(own.status()).toBeLessThan(500);
  expect((await request.get("/api/admin/users", auth(userToken))).status()).toBe(403);
});

test("search, filters, order and keyset pages, with the total", async ({ request }) => {
  const tag = `find${Date.now().toString(36)}`;
  const a = newPerson(tag);
  const b = newPerson(tag);
  await signUp(a);
  await signUp(b);
  const list = async (q: string) => {
    const res = await request.get(`/api/admin/users?${q}`, auth(adminToken));
    expect(res.status()).toBe(200);
    return res.json();
  };
  const all = await list(`query=${tag.toUpperCase()}`);
  expect(all.total).toBe(2);
  expect(all.users.map((u: { username: string }) => u.username)).toEqual([b.username, a.username]);
  expect((await list(`query=${tag}&order=oldest`)).users[0].username).toBe(a.username);
  expect((await list(`query=${tag}&verified=true`)).total).toBe(0);
  expect((await list(`query=${tag}&verified=false&role=user&status=active`)).total).toBe(2);
  expect((await list(`query=${tag}&role=admin`)).total).toBe(0);
  const first = await list(`query=${tag}&limit=1`);
  expect(first.users).toHaveLength(1);
  const second = await list(`query=${tag}&limit=1&cursor=${first.nextCursor}`);
  expect(second.users[0].username).toBe(a.username);
  expect(second.nextCursor).toBeNull();
  expect(second.total).toBe(2);
  for (const bad of ["status=gone", "limit=0", "cursor=nope", "order=up", "verified=yes", "role=root", "what=1"])
    await expectProblem(await request.get(`/api/admin/users?${bad}`, auth(adminToken)), 400);
  await expectProblem(await request.get("/api/admin/events?userId=not-a-uuid", auth(adminToken)), 400);
});

test("disable: sessions die at once, right password 403 account_disabled, wrong 401; enable; the person's activity list", async ({
  request,
  page,
}) => {
  const person = newPerson("vic");
  const user = await signUp(person);
  const t1 = await token(person.username, person.password);
  const noReason = await request.patch(`/api/admin/users/${user.id}`, {
    ...auth(adminToken),
    data: { disabled: true },
  });
  expect((await expectProblem(noReason, 400)).errors.disabledReason).toBeTruthy();
  const off = await request.patch(`/api/admin/users/${user.id}`, {
    ...auth(adminToken),
    data: { disabled: true, disabledReason: "Reported for spam" },
  });
  expect(off.status()).toBe(200);
  expect(await off.json()).toMatchObject({ disabledReason: "Reported for spam", disabledAt: expect.any(String) });
  await expectProblem(await request.get("/api/users/me", auth(t1)), 401);
  const right = await request.post("/api/sessions", { data: { login: person.username, password: person.password } });
  expect((await expectProblem(right, 403)).code).toBe("account_disabled");
  const wrong = await request.post("/api/sessions", { data: { login: person.username, password: "wrong password!" } });
  const unknown = await request.post("/api/sessions", {
    data: { login: "nobody-at-all", password: "wrong password!" },
  });
  const [w, u] = [await expectProblem(wrong, 401), await expectProblem(unknown, 401)];
  expect(w).toEqual(u);
  await expectProblem(await request.get(`/api/users/${person.username}`), 404);
  expect((await request.post("/api/password-resets", { data: { email: person.email } })).status()).toBe(202);
  // Auth.js's own credentials callback refuses it too, with its own code, and sets no session cookie.
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const cb = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, login: person.username, password: person.password },
    maxRedirects: 0,
  });
  expect(cb.status()).toBe(302);
  expect(new URL(cb.headers()["location"]!, ctx.server.url).searchParams.get("code")).toBe("account_disabled");
  expect(cb.headers()["set-cookie"] ?? "").not.toContain("accounts.session=");
  // The sign-in form says so too.
  await page.goto("/sign-in");
  await signInWithForm(page, person.username, person.password);
  await expect(page.getByRole("status").first()).toContainText("disabled");
  const on = await request.patch(`/api/admin/users/${user.id}`, { ...auth(adminToken), data: { disabled: false } });
  expect(await on.json()).toMatchObject({ disabledAt: null, disabledReason: null });
  const t2 = await token(person.username, person.password);
  const events = await (await request.get("/api/users/me/events", auth(t2))).json();
  const types = events.events.map((e: { type: string }) => e.type);
  expect(types).toEqual(expect.arrayContaining(["admin.user_disabled", "admin.user_enabled"]));
  expect(JSON.stringify(events)).not.toContain(admin.username);
  await page.goto("/sign-in");
  await signInWithForm(page, person.username, person.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/account/security/activity");
  await expect(page.getByText("An administrator disabled the account")).toBeVisible();
  await expect(page.getByText("An administrator enabled the account")).toBeVisible();
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  expect((await page.goto("/admin"))!.status()).toBe(404);
});

test("a role change counts on the next request; the last admin cannot demote or delete themselves", async ({
  request,
}) => {
  const person = newPerson("pro");
  const user = await signUp(person);
  const t = await token(person.username, person.password);
  await expectProblem(await request.get("/api/admin/users", auth(t)), 403);
  const up = await request.patch(`/api/admin/users/${user.id}`, { ...auth(adminToken), data: { role: "admin" } });
  expect((await up.json()).role).toBe("admin");
  expect((await request.get("/api/admin/users", auth(t))).status()).toBe(200);
  const down = await request.patch(`/api/admin/users/${user.id}`, { ...auth(adminToken), data: { role: "user" } });
  expect((await down.json()).role).toBe("user");
  await expectProblem(await request.get("/api/admin/users", auth(t)), 403);
  await expectProblem(await request.get(`/api/admin/users/${user.id}`, auth(t)), 403);
  const me = (await (await request.get("/api/users/me", auth(adminToken))).json()).id;
  for (const res of [
    await request.patch(`/api/admin/users/${me}`, { ...auth(adminToken), data: { role: "user" } }),
    await request.patch(`/api/admin/users/${me}`, {
      ...auth(adminToken),
      data: { disabled: true, disabledReason: "x" },
    }),
    await request.delete(`/api/admin/users/${me}`, auth(adminToken)),
  ])
    expect((await expectProblem(res, 409)).code).toBe("last_admin");
  const detail = await (await request.get(`/api/admin/users/${user.id}`, auth(adminToken))).json();
  expect(detail.events.map((e: { type: string }) => e.type)).toContain("admin.role_changed");
  const events = await (
    await request.get(`/api/admin/events?type=admin.role_changed&userId=${user.id}`, auth(adminToken))
  ).json();
  expect(events.events).toHaveLength(2);
  expect(events.events[0].actorId).toBe(me);
});

test("a stale re-authentication is refused for writes until the password is given again", async ({ request }) => {
  const person = newPerson("stl");
  const user = await signUp(person);
  const t = await token(admin.username, admin.password);
  const sql = postgres(ctx.dbUrl, { max: 1, onnotice: () => {} });
  await sql`update sessions set reauthenticated_at = now() - interval '1 day'
    where user_id = (select id from users where username = ${admin.username}) and kind = 'api'`;
  await sql.end();
  expect((await request.get(`/api/admin/users/${user.id}`, auth(t))).status()).toBe(200);
  const stale = await request.post(`/api/admin/users/${user.id}/password-reset`, auth(t));
  expect((await expectProblem(stale, 403)).code).toBe("reauthentication_required");
  const again = await request.post("/api/sessions/current/reauthenticate", {
    ...auth(t),
    data: { password: admin.password },
  });
  expect(again.status()).toBe(204);
  expect((await request.post(`/api/admin/users/${user.id}/password-reset`, auth(t))).status()).toBe(202);
  expect((await request.post(`/api/admin/users/${user.id}/email-verification`, auth(t))).status()).toBe(202);
  expect((await request.delete(`/api/admin/users/${user.id}/sessions`, auth(t))).status()).toBe(204);
  expect((await request.delete(`/api/admin/users/${user.id}`, auth(t))).status()).toBe(204);
  await expectProblem(await request.get(`/api/admin/users/${user.id}`, auth(t)), 404);
  adminToken = t;
});

/** Nothing on the page makes it scroll sideways. */
async function sideways(page: import("@playwright/test").Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test("the console: users table, an account's page and its actions, events; screenshots", async ({ page }) => {
  const person = newPerson("con");
  const user = await signUp(person);
  // One right and one wrong password: two events of the person's, told in words.
  await token(person.username, person.password);
  const wrong = await fetch(`${ctx.server.url}/api/sessions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login: person.username, password: "not the password!" }),
  });
  expect(wrong.status).toBe(401);
  await page.goto("/sign-in");
  await signInWithForm(page, admin.username, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  await openAccountMenu(page);
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Admin" });
  await expect(nav.getByRole("link", { name: "Users", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Events", exact: true })).not.toHaveAttribute("aria-current");
  await page.getByLabel("Search").fill(person.username.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("1 account")).toBeVisible();
  const row = page.getByRole("table", { name: "Accounts" }).getByRole("row").filter({ hasText: person.username });
  await expect(row.getByText("User", { exact: true })).toBeVisible();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  const dir = path.join("test-results", "admin-screens");
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(dir, `users-${width}.png`), fullPage: true });
  }
  // A phone gets cards, not a table, and nothing scrolls sideways.
  await page.setViewportSize({ width: 375, height: 900 });
  await expect(page.getByRole("table", { name: "Accounts" })).toBeHidden();
  const card = page.getByRole("list", { name: "Accounts" }).getByRole("listitem");
  await expect(card).toHaveCount(1);
  await expect(card.getByRole("link", { name: `@${person.username}` })).toBeVisible();
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("link", { name: `@${person.username}` }).click();
  await expect(page.getByRole("heading", { name: `@${person.username}` })).toBeVisible();
  await expect(page.getByText("This is you")).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Users", exact: true })).toHaveAttribute("aria-current", "page");
  // The events, in words.
  await expect(page.getByText("Failed sign-in attempt (wrong password)")).toBeVisible();
  // Disabling asks first: the button opens a dialog, Cancel leaves the account as it was.
  await page.getByRole("button", { name: "Disable account" }).click();
  const dialog = page.getByRole("dialog", { name: `Disable @${person.username}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button").last()).toHaveText("Disable account");
  await page.screenshot({ path: path.join(dir, "disable-dialog-1280.png") });
  await expectAccessible(page, "/admin/users/[id] with the disable dialog open");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Disable account" }).click();
  await dialog.getByLabel("Reason (required)").fill("Testing the console");
  await dialog.getByRole("button", { name: "Disable account" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("The account is disabled")).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable account" })).toBeVisible();
  await expect(page.getByText("Disabled", { exact: true }).first()).toBeVisible();
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(dir, `account-${width}.png`), fullPage: true });
    expect(await sideways(page)).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await nav.getByRole("link", { name: "Events", exact: true }).click();
  await expect(nav.getByRole("link", { name: "Events", exact: true })).toHaveAttribute("aria-current", "page");
  const events = page.getByRole("table", { name: /Security events/ });
  const disabled = events.getByRole("row").filter({ hasText: "An administrator disabled the account" }).first();
  await expect(disabled.getByRole("link", { name: `@${person.username}` })).toBeVisible();
  await expect(disabled.getByText(`by @${admin.username}`)).toBeVisible();
  await expect(page.getByText("admin.user_disabled")).toHaveCount(0);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(dir, `events-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  // Filters: by username, then by type (a select, in words) as well.
  await page.getByLabel("Username").fill(`@${person.username}`);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(events.getByText("Failed sign-in attempt (wrong password)")).toBeVisible();
  await expect(events.getByText("Signed in (API)", { exact: true })).toBeVisible();
  // Details as labelled values.
  await expect(events.getByRole("definition").filter({ hasText: /^Wrong password$/ })).toBeVisible();
  await expect(events.getByRole("link", { name: `@${admin.username}`, exact: true })).toHaveCount(1); // only "by"
  await page.getByLabel("Event type").selectOption({ label: "Signed in" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/type=sign_in\.succeeded/);
  await expect(events.getByRole("row")).toHaveCount(2); // the header and the one sign-in
  await expect(events.getByText("Signed in (API)", { exact: true })).toBeVisible();
  await expect(events.getByText("Failed sign-in attempt (wrong password)")).toHaveCount(0);
  await expect(page.getByLabel("Event type")).toHaveValue("sign_in.succeeded");
  await page.setViewportSize({ width: 375, height: 900 });
  await expect(events).toBeHidden();
  await expect(page.getByRole("list", { name: /Security events/ }).getByRole("listitem")).toHaveCount(1);
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(dir, "events-filtered-375.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Deleting asks for the username in a dialog; a wrong one is told there, and nothing goes.
  await page.goto(`/admin/users/${user.id}`);
  await page.getByRole("button", { name: "Delete account" }).click();
  const del = page.getByRole("dialog", { name: `Delete @${person.username}?` });
  await del.getByLabel(`Type ${person.username} to confirm`).fill("someone-else");
  await del.getByRole("button", { name: "Delete account" }).click();
  await expect(del.getByText(`Type ${person.username} exactly.`)).toBeVisible();
  await del.getByLabel(`Type ${person.username} to confirm`).fill(person.username);
  await del.getByRole("button", { name: "Delete account" }).click();
  await expect(page).toHaveURL(/\/admin\?deleted=1$/);
  await expect(page.getByText("The account was deleted.")).toBeVisible();
  await expect(page.getByText("Some filters were not understood")).toHaveCount(0);
});

test("the console on one's own account: 'This is you', with no demotion, disabling, deletion or sign-out", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await signInWithForm(page, admin.username, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto(`/admin?query=${admin.username}`);
  const own = page.getByRole("row").filter({ hasText: admin.username });
  await expect(own.getByText("This is you")).toBeVisible();
  await own.getByRole("link", { name: `@${admin.username}` }).click();
  await expect(page.getByRole("heading", { name: `@${admin.username}` })).toBeVisible();
  await expect(page.getByText("This is you")).toBeVisible();
  await expect(page.getByText("Admin", { exact: true }).last()).toBeVisible();
  for (const name of ["Remove admin", "Disable account", "Delete account", "Sign out everywhere"])
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Danger zone" })).toContainText(
    "You cannot disable or delete your own account here.",
  );
  await expect(page.getByRole("button", { name: "Send password reset link" })).toBeVisible();
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join("test-results", "admin-screens", `self-${width}.png`), fullPage: true });
    expect(await sideways(page)).toBeLessThanOrEqual(0);
  }
});

test("an administrator removes someone's post: the prompt asks for the password in place, the post is gone, the author is told", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  // The author: a confirmed email (the link from the message), then a post over the API.
  const author = newPerson("pst");
  await signUp(author);
  const { token: link } = linkFrom(await waitForMail(author.email, /Confirm your email/));
  expect((await request.post("/api/email-verifications/confirm", { data: { token: link } })).status()).toBe(204);
  const authorToken = await token(author.username, author.password);
  const title = `A post to remove ${Date.now().toString(36)}`;
  const created = await request.post("/api/posts", { ...auth(authorToken), data: { title, body: "Some words." } });
  expect(created.status()).toBe(201);
  const post = (await created.json()) as { id: string };

  // The administrator, signed in in the browser, past the re-authentication window.
  await page.goto("/sign-in");
  await signInWithForm(page, admin.username, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  const sql = postgres(ctx.dbUrl, { max: 1, onnotice: () => {} });
  await sql`update sessions set reauthenticated_at = now() - interval '1 day'
    where user_id = (select id from users where username = ${admin.username}) and kind = 'browser'`;
  await sql.end();

  await page.goto(`/posts/${post.id}`);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await page.getByRole("button", { name: "Delete (administrator)" }).click();
  await page.getByRole("button", { name: "Yes, delete this post" }).click();
  const prompt = page.getByRole("region", { name: "Confirm it is you" });
  await expect(prompt).toBeVisible();
  await expect(prompt.getByText("Enter your password again to remove this post.")).toBeVisible();
  // Not removed yet.
  expect((await request.get(`/api/posts/${post.id}`)).status()).toBe(200);
  await expectAccessible(page, "/posts/[id] asking an administrator to re-authenticate");
  await page.screenshot({ path: path.join("test-results", "admin-screens", "remove-post-reauth.png"), fullPage: true });
  await prompt.getByLabel("Password").fill("not the password");
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt.getByText("Incorrect password.").first()).toBeVisible();
  expect((await request.get(`/api/posts/${post.id}`)).status()).toBe(200);
  await prompt.getByLabel("Password").fill(admin.password);
  await prompt.getByRole("button", { name: "Confirm" }).click();
  // Confirmed, the deletion goes on by itself.
  await expect(page).toHaveURL(/\/\?removed=1$/);
  await expectProblem(await request.get(`/api/posts/${post.id}`), 404);
  const gone = await page.goto(`/posts/${post.id}`);
  expect(gone?.status()).toBe(404);

  // The author's trail says what happened, and never who.
  const events = await request.get("/api/users/me/events", auth(authorToken));
  expect(events.status()).toBe(200);
  const removed = ((await events.json()).events as { type: string; detail: Record<string, unknown> }[]).find(
    (e) => e.type === "post.removed_by_admin",
  );
  expect(removed?.detail).toMatchObject({ postId: post.id, title });
  const authorContext = await browser.newContext({ baseURL: ctx.server.url });
  const authorPage = await authorContext.newPage();
  await authorPage.goto("/sign-in");
  await signInWithForm(authorPage, author.username, author.password);
  await expect(authorPage).toHaveURL(/\/account$/);
  await authorPage.goto("/account/security/activity");
  await expect(authorPage.getByText(`An administrator removed your post '${title}'`)).toBeVisible();
  await expect(authorPage.getByText(admin.username)).toHaveCount(0);
  await authorContext.close();
});
