import path from "node:path";
import postgres from "postgres";
import { expect, test } from "./api-test";
import { adminCli, adminServer } from "./admin-server";
import { expectAccessible } from "./a11y";
import { newPerson, signInWithForm } from "./helpers";
import { portFor } from "./servers";

/**
 * An administrator acts as an ordinary account from the console (lib/admin/impersonation.ts): the banner on
 * every page, "stop" back to the administrator's own session, the owner told why; and the impersonation ends
 * with the administrator's own session. A server of its own on PostgreSQL (the CLI grants the role), offset 58.
 */
const PORT = portFor(58);
test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (a PostgreSQL server)");
test.use({ baseURL: `http://127.0.0.1:${PORT}` });
test.describe.configure({ mode: "serial" });

let ctx: Awaited<ReturnType<typeof adminServer>>;
const admin = newPerson("imadm");
const dir = path.join("test-results", "impersonation-screens");

async function signUp(person: ReturnType<typeof newPerson>) {
  const res = await fetch(`${ctx.server.url}/api/users`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(person),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  ctx = await adminServer(PORT);
  await signUp(admin);
  const granted = await adminCli("grant", admin.email, { DATABASE_URL: ctx.dbUrl });
  expect(granted.status, granted.out).toBe(0);
});
test.afterAll(async () => ctx?.close());

async function actAs(page: import("@playwright/test").Page, target: { username: string }, id: string, reason: string) {
  await page.goto(`/admin/users/${id}`);
  await page.getByRole("button", { name: `Act as @${target.username}` }).click();
  const dialog = page.getByRole("dialog", { name: `Act as @${target.username}?` });
  await dialog.getByLabel("Reason (required)").fill(reason);
  await dialog.getByRole("button", { name: `Act as @${target.username}` }).click();
  await expect(page).toHaveURL(/\/account$/);
}

test("act as an account from the console: the banner on every page, stop returns; the owner is told why", async ({
  page,
  browser,
}) => {
  const target = newPerson("imtgt");
  const { id } = await signUp(target);
  await page.goto("/sign-in");
  await signInWithForm(page, admin.username, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  await actAs(page, target, id, "Ticket 1234: cannot find the posts page");

  const banner = page.getByRole("region", { name: "Acting as another account" });
  await expect(banner).toContainText(`You are acting as @${target.username} — stop`);
  await expect(page.getByText(target.email).first()).toBeVisible(); // the target's own account page
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(dir, `acting-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page, "/account while acting as someone");
  await page.goto("/account/security");
  await expect(banner).toBeVisible();
  // No console while acting: the session is the target's.
  expect((await page.goto("/admin"))?.status()).toBe(404);

  await page.goto("/account");
  await banner.getByRole("button", { name: "stop" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users/${id}$`));
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole("heading", { name: `@${target.username}` })).toBeVisible();
  await expect(page.getByText("An administrator acted as this account (Ticket 1234")).toBeVisible();

  // The owner, in a browser of their own, reads it in their activity.
  const own = await browser.newContext({ baseURL: `http://127.0.0.1:${PORT}` });
  const ownPage = await own.newPage();
  await ownPage.goto("/sign-in");
  await signInWithForm(ownPage, target.username, target.password);
  await expect(ownPage).toHaveURL(/\/account$/);
  await ownPage.goto("/account/security/activity");
  await expect(
    ownPage.getByText("An administrator acted as you (Ticket 1234: cannot find the posts page)"),
  ).toBeVisible();
  await own.close();
});

test("it ends with the administrator's own session", async ({ page }) => {
  const target = newPerson("imtgt");
  const { id } = await signUp(target);
  await page.goto("/sign-in");
  await signInWithForm(page, admin.username, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  await actAs(page, target, id, "Checking a report");
  await expect(page.getByRole("region", { name: "Acting as another account" })).toBeVisible();

  // The administrator's own browser sessions end (as from another device's "sign out everywhere").
  const sql = postgres(ctx.dbUrl, { max: 1, onnotice: () => {} });
  const [live] = await sql<{ count: number }[]>`
    select count(*)::int as count from sessions where impersonator_id is not null`;
  expect(live!.count).toBeGreaterThan(0);
  await sql`delete from sessions s using users u
    where s.user_id = u.id and u.username = ${admin.username} and s.impersonator_id is null`;
  const [left] = await sql<{ count: number }[]>`
    select count(*)::int as count from sessions s join users u on u.id = s.user_id
    where u.username = ${target.username} and s.impersonator_id is not null`;
  await sql.end();
  expect(left!.count).toBe(0); // gone with it (cascade)

  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText(`You are acting as @${target.username}`)).toHaveCount(0);
  // Only the way back is offered, and with the administrator's own session gone it leads to signing in.
  await expect(page.getByRole("region", { name: "Acting as another account" })).toContainText(
    "You were acting as someone else; that has ended",
  );
});
