import { mkdirSync } from "node:fs";
import postgres from "postgres";
import { expectAccessible } from "./a11y";
import { adminServer } from "./admin-server";
import { expect, test, type Page } from "./api-test";
import { linkFrom, newPerson, signInWithForm, waitForMail } from "./helpers";
import { portFor } from "./servers";

/**
 * Invitations (issue 31): an owner invites by email on /organizations/{slug}/invitations, the mailed link is
 * accepted in the invited account's browser after signing in; another account is told the link is not theirs;
 * "Revoke" stops a link. Organizations are made directly in the database (their creation is another part's).
 */
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots-o2";

test.describe("invitations", () => {
  test.describe.configure({ mode: "serial" });
  test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (a PostgreSQL server)");
  let ctx: Awaited<ReturnType<typeof adminServer>>;
  let sql: postgres.Sql;
  test.beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ctx = await adminServer(portFor(41));
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
    const id = ((await res.json()) as { id: string }).id;
    await sql`update users set email_verified_at = now() where id = ${id}`;
    return { person, id };
  };
  const organization = async (ownerId: string) => {
    const slug = `team-${Date.now().toString(36)}`;
    const [org] = await sql`insert into organizations (slug, name) values (${slug}, 'Team Rocket') returning id`;
    await sql`insert into memberships (organization_id, user_id, role) values (${org!.id}, ${ownerId}, 'owner')`;
    return { slug, id: org!.id as string };
  };
  const signIn = async (page: Page, login: string, password: string) => {
    await page.goto(`${ctx.server.url}/sign-in`);
    await signInWithForm(page, login, password);
    await expect(page).toHaveURL(/\/account$/);
  };
  const shoot = async (page: Page, name: string) => {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  test("an owner invites by email; the link is accepted in the invited account's browser after signing in", async ({
    page,
    browser,
  }) => {
    const owner = await signUp("own");
    const guest = await signUp("gst");
    const org = await organization(owner.id);

    await signIn(page, owner.person.username, owner.person.password);
    await page.goto(`${ctx.server.url}/organizations/${org.slug}/invitations`);
    await expect(page.getByRole("region", { name: "Invitations", exact: true })).toBeVisible();
    await page.getByLabel("Email address").fill(guest.person.email.toUpperCase());
    await page.getByLabel("Role").selectOption("admin");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText(`Invitation sent to ${guest.person.email}.`)).toBeVisible();
    const pending = page.getByRole("region", { name: "Pending invitations" });
    await expect(pending.getByText(guest.person.email)).toBeVisible();
    await expectAccessible(page);
    await shoot(page, "invitations");

    const { url } = linkFrom(await waitForMail(guest.person.email, /invited to join/));
    const link = url.replace(/^https?:\/\/[^/]+/, ctx.server.url);
    const other = await browser.newContext();
    const guestPage = await other.newPage();
    const opened = await guestPage.goto(link);
    expect(opened!.headers()["referrer-policy"]).toBe("no-referrer");
    expect(opened!.headers()["cache-control"]).toContain("no-store");
    await expect(guestPage.getByText("Team Rocket")).toBeVisible();
    await expectAccessible(guestPage);
    await shoot(guestPage, "invitation-signed-out");
    await guestPage.getByRole("link", { name: "Sign in to accept" }).click();
    await signInWithForm(guestPage, guest.person.username, guest.person.password);
    await expect(guestPage).toHaveURL(/\/invitations\/accept\?token=/);
    await expectAccessible(guestPage);
    await shoot(guestPage, "invitation-signed-in");
    await guestPage.getByRole("button", { name: "Accept invitation" }).click();
    await expect(guestPage).toHaveURL(new RegExp(`/organizations/${org.slug}$`));
    const [joined] =
      await sql`select role from memberships where organization_id = ${org.id} and user_id = ${guest.id}`;
    expect(joined!.role).toBe("admin");
    await guestPage.goto(link);
    await expect(guestPage.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    await other.close();
  });

  test("another account sees the clear message and no Accept button; a non-member gets 404; Revoke stops a link", async ({
    page,
    browser,
  }) => {
    const owner = await signUp("own2");
    const invitee = newPerson("nobody");
    const stranger = await signUp("str");
    const org = await organization(owner.id);

    await signIn(page, owner.person.username, owner.person.password);
    await page.goto(`${ctx.server.url}/organizations/${org.slug}/invitations`);
    await page.getByLabel("Email address").fill(invitee.email);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText(`Invitation sent to ${invitee.email}.`)).toBeVisible();
    const { url } = linkFrom(await waitForMail(invitee.email, /invited to join/));
    const link = url.replace(/^https?:\/\/[^/]+/, ctx.server.url);

    const other = await browser.newContext();
    const strangerPage = await other.newPage();
    await signIn(strangerPage, stranger.person.username, stranger.person.password);
    await strangerPage.goto(link);
    await expect(strangerPage.getByRole("alert").filter({ hasText: /sent to another email address/ })).toBeVisible();
    await expect(strangerPage.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
    await expect(strangerPage.getByRole("button", { name: "Decline" })).toHaveCount(0);
    await shoot(strangerPage, "invitation-wrong-account");
    const hidden = await strangerPage.goto(`${ctx.server.url}/organizations/${org.slug}/invitations`);
    expect(hidden!.status()).toBe(404);
    await other.close();

    await page.reload();
    await page.getByRole("button", { name: `Revoke the invitation to ${invitee.email}` }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke this invitation?" });
    await dialog.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText("Invitation revoked: its link no longer works.")).toBeVisible();
    await expect(page.getByText("No pending invitations.")).toBeVisible();
    const [left] = await sql`select count(*)::int as n from organization_invitations where organization_id = ${org.id}`;
    expect(left!.n).toBe(0);
  });
});
