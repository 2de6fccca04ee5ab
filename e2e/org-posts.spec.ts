import { mkdirSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./api-test";
import { adminServer } from "./admin-server";
import { expectAccessible } from "./a11y";
import { newPerson, signInWithForm } from "./helpers";
import { portFor } from "./servers";

/**
 * Posts in an organization (issue 31), in the browser and the API: "Write a post" offers the author's
 * organizations; its members read the post and the organization's posts page, everyone else gets 404 (never
 * 403), a removed member on the next request; it is not in the public feed nor on the author's profile; an
 * organization admin removes it. A server of its own on PostgreSQL, offset 71: the organizations and
 * memberships are rows this spec writes (the organization pages that make them are lib/organizations'), and
 * the email addresses are confirmed there too.
 */
const PORT = portFor(42);
test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (a PostgreSQL server)");
test.use({ baseURL: `http://127.0.0.1:${PORT}` });
test.describe.configure({ mode: "serial" });

let ctx: Awaited<ReturnType<typeof adminServer>>;
let sql: postgres.Sql;
const author = newPerson("opauth");
const member = newPerson("opmemb");
const moderator = newPerson("opmod");
const outsider = newPerson("opout");
const slug = `team-${Date.now().toString(36)}`;
const orgName = "Engine Builders";
const shots = process.env.O3_SHOTS_DIR ?? path.join("test-results", "org-posts-screens");
let postId = "";

async function api(pathname: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.body) headers.set("content-type", "application/json");
  return fetch(`${ctx.server.url}${pathname}`, { ...init, headers });
}

async function signUp(person: ReturnType<typeof newPerson>) {
  const res = await api("/api/users", { method: "POST", body: JSON.stringify(person) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function tokenOf(person: ReturnType<typeof newPerson>) {
  const res = await api("/api/sessions", {
    method: "POST",
    body: JSON.stringify({ login: person.username, password: person.password }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function signedIn(browser: Browser, person: ReturnType<typeof newPerson>): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: ctx.server.url })).newPage();
  await page.goto("/sign-in");
  await signInWithForm(page, person.username, person.password);
  await expect(page).toHaveURL(/\/account$/);
  return page;
}

async function shoot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  ctx = await adminServer(PORT);
  sql = postgres(ctx.dbUrl, { max: 1, onnotice: () => {} });
  const ids = { author: "", member: "", moderator: "", outsider: "" };
  ids.author = await signUp(author);
  ids.member = await signUp(member);
  ids.moderator = await signUp(moderator);
  ids.outsider = await signUp(outsider);
  await sql`update users set email_verified_at = now() where id in ${sql(Object.values(ids))}`;
  const [org] = await sql`insert into organizations (slug, name, created_by) values (${slug}, ${orgName}, ${ids.author})
    returning id`;
  await sql`insert into memberships (organization_id, user_id, role) values
    (${org!.id}, ${ids.author}, 'owner'), (${org!.id}, ${ids.member}, 'member'), (${org!.id}, ${ids.moderator}, 'admin')`;
});
test.afterAll(async () => {
  await sql?.end();
  await ctx?.close();
});

test("the author publishes to the organization from Write a post; members read it, no one else does", async ({
  page,
  browser,
}) => {
  await page.goto("/sign-in");
  await signInWithForm(page, author.username, author.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/posts/new");
  const choice = page.getByLabel("Organization");
  await expect(choice).toHaveValue("");
  await expect(choice.getByRole("option")).toHaveText(["Everyone (public)", orgName]);
  await page.getByLabel("Title").fill("Plans for the difference engine");
  await page.getByLabel("Body").fill("Only for the team.");
  await choice.selectOption({ label: orgName });
  await expect(page.getByText("Only the organization's members can read it")).toBeVisible();
  await expectAccessible(page, "Write a post with an organization chosen");
  await shoot(page, "write-a-post");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page).toHaveURL(/\/posts\/[A-Za-z0-9_-]{22}$/);
  postId = page.url().split("/").at(-1)!;
  await expect(page.getByRole("heading", { name: "Plans for the difference engine" })).toBeVisible();
  await expect(page.getByRole("link", { name: orgName })).toHaveAttribute("href", `/organizations/${slug}/posts`);
  await expectAccessible(page, "an organization's post");
  await shoot(page, "org-post");

  // Not public: not in the feed, not on the author's profile nor in its count.
  await page.goto("/");
  await expect(page.getByText("Plans for the difference engine")).toHaveCount(0);
  await page.goto(`/u/${author.username}`);
  await expect(page.getByText("Plans for the difference engine")).toHaveCount(0);
  await expect(page.getByText("0 posts")).toBeVisible();

  // A member reads it, on the organization's page and on its own.
  const memberPage = await signedIn(browser, member);
  await memberPage.goto(`/organizations/${slug}/posts`);
  await expect(memberPage.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
  await expect(memberPage.getByRole("heading", { level: 2, name: "Posts" })).toBeVisible();
  await expectAccessible(memberPage, "an organization's posts");
  await shoot(memberPage, "org-posts");
  await memberPage.getByRole("link", { name: "Plans for the difference engine" }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/posts/${postId}$`));
  await expect(memberPage.getByText("Only for the team.")).toBeVisible();
  // A plain member may not remove someone else's post: no button.
  await expect(memberPage.getByRole("button", { name: /Delete|Remove/ })).toHaveCount(0);

  // Someone else: 404 on both pages, and the same page as for a post that does not exist.
  const outsiderPage = await signedIn(browser, outsider);
  expect((await outsiderPage.goto(`/posts/${postId}`))?.status()).toBe(404);
  await expect(outsiderPage.getByText("Only for the team.")).toHaveCount(0);
  expect((await outsiderPage.goto(`/organizations/${slug}/posts`))?.status()).toBe(404);
  expect((await outsiderPage.goto(`/organizations/no-such-team/posts`))?.status()).toBe(404);
  // Signed out: the post is not found; the organization's page asks to sign in first.
  const anonymous = await (await browser.newContext({ baseURL: ctx.server.url })).newPage();
  expect((await anonymous.goto(`/posts/${postId}`))?.status()).toBe(404);
  await anonymous.goto(`/organizations/${slug}/posts`);
  await expect(anonymous).toHaveURL(/\/sign-in\?callbackUrl=/);

  // A member removed from the organization loses it on the next request.
  await sql`delete from memberships using users where memberships.user_id = users.id
    and users.username = ${member.username}`;
  expect((await memberPage.goto(`/posts/${postId}`))?.status()).toBe(404);
  expect((await memberPage.goto(`/organizations/${slug}/posts`))?.status()).toBe(404);
});

test("the API: members read it (GET /api/posts/{id}, the organization's posts), everyone else gets 404", async () => {
  expect(postId).not.toBe("");
  const [authorToken, outsiderToken] = [await tokenOf(author), await tokenOf(outsider)];
  const mine = await api(`/api/posts/${postId}`, { token: authorToken });
  expect(mine.status).toBe(200);
  expect(await mine.json()).toMatchObject({ id: postId, organization: { slug, name: orgName } });
  for (const token of [outsiderToken, undefined]) {
    const res = await api(`/api/posts/${postId}`, { token });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(orgName);
  }
  const list = await api(`/api/organizations/${slug}/posts`, { token: authorToken });
  expect(list.status).toBe(200);
  expect(((await list.json()) as { posts: { id: string }[] }).posts.map((p) => p.id)).toEqual([postId]);
  for (const s of [slug, "no-such-team"]) {
    const res = await api(`/api/organizations/${s}/posts`, { token: outsiderToken });
    expect(res.status).toBe(404);
  }
  expect((await api(`/api/organizations/${slug}/posts`)).status).toBe(401);
  const feed = (await (await api("/api/posts?limit=100")).json()) as { posts: { id: string }[] };
  expect(feed.posts.map((p) => p.id)).not.toContain(postId);
  // Publishing to an organization one is not in: 403.
  const sneaky = await api("/api/posts", {
    method: "POST",
    token: outsiderToken,
    body: JSON.stringify({ title: "Let me in", body: "Hello.", organization: slug }),
  });
  expect(sneaky.status).toBe(403);
  const published = await api("/api/posts", {
    method: "POST",
    token: authorToken,
    body: JSON.stringify({ title: "Second plan", body: "Also for the team.", organization: slug }),
  });
  expect(published.status).toBe(201);
  expect(await published.json()).toMatchObject({ organization: { slug, name: orgName } });
});

test("an organization admin removes a member's post from its page", async ({ browser }) => {
  expect(postId).not.toBe("");
  const page = await signedIn(browser, moderator);
  await page.goto(`/posts/${postId}`);
  await page.getByRole("button", { name: "Remove (organization admin)" }).click();
  await page.getByRole("button", { name: "Yes, delete this post" }).click();
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}/posts\\?deleted=1$`));
  await expect(page.getByText("The post has been deleted.")).toBeVisible();
  await expect(page.getByText("Plans for the difference engine")).toHaveCount(0);
  expect((await page.goto(`/posts/${postId}`))?.status()).toBe(404);
});
