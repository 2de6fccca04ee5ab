import type { Browser, Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { expect, test } from "./api-test";
import { linkFrom, newPerson, signInWithForm, signUpApi, tokenFor, waitForMail } from "./helpers";

/**
 * Issue 31 end to end, in the browser and black box: an owner makes an organization, invites a second account by
 * email as an admin, the mailed link is accepted in that account's own browser, the member reads an organization
 * post that a third account gets 404 for, and the admin cannot make themselves an owner.
 */
type Person = ReturnType<typeof newPerson>;

async function verifiedAccount(request: Parameters<typeof signUpApi>[0], prefix: string) {
  const { person, user } = await signUpApi(request, newPerson(prefix));
  const { token } = linkFrom(await waitForMail(person.email, /Confirm your email/));
  expect((await request.post("/api/email-verifications/confirm", { data: { token } })).status()).toBe(204);
  return { person, id: (user as { id: string }).id };
}

async function browserOf(browser: Browser, baseURL: string | undefined, person: Person): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto("/sign-in");
  await signInWithForm(page, person.username, person.password);
  await expect(page).toHaveURL(/\/account$/);
  return page;
}

test("an owner invites by email, the invited account accepts, members read what outsiders cannot", async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(180_000);
  const owner = await verifiedAccount(request, "own");
  const invited = await verifiedAccount(request, "inv");
  const outsider = await verifiedAccount(request, "out");
  const slug = `team-${Date.now().toString(36)}`;

  // The owner makes the organization from the account's pages.
  const ownerPage = await browserOf(browser, baseURL, owner.person);
  await ownerPage.goto("/account/organizations");
  await ownerPage.getByRole("link", { name: "New organization" }).click();
  await ownerPage.getByLabel("Name").fill("Analytical Engines");
  await ownerPage.getByLabel("Address (slug)").fill(slug);
  await ownerPage.getByRole("button", { name: "Create organization" }).click();
  await expect(ownerPage).toHaveURL(new RegExp(`/organizations/${slug}$`));
  await expect(ownerPage.getByRole("heading", { level: 1, name: "Analytical Engines" })).toBeVisible();
  await expectAccessible(ownerPage, "an organization's members, its owner's view");

  // …and invites the second account's address as an admin.
  await ownerPage.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Invitations" }).click();
  await ownerPage.getByLabel("Email address").fill(invited.person.email);
  await ownerPage.getByLabel("Role").selectOption("admin");
  await ownerPage.getByRole("button", { name: "Send invitation" }).click();
  await expect(ownerPage.getByRole("listitem").filter({ hasText: invited.person.email })).toBeVisible();
  await expectAccessible(ownerPage, "an organization's invitations");

  // The invited account opens the mailed link in its own browser: it signs in there and accepts.
  const { url } = linkFrom(await waitForMail(invited.person.email, /invited to join Analytical Engines/));
  const invitedPage = await (await browser.newContext({ baseURL })).newPage();
  await invitedPage.goto(url);
  await invitedPage.getByRole("link", { name: "Sign in to accept" }).click();
  await signInWithForm(invitedPage, invited.person.username, invited.person.password);
  await expect(invitedPage).toHaveURL(/\/invitations\/accept\?token=/);
  await invitedPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitedPage).toHaveURL(new RegExp(`/organizations/${slug}$`));
  const members = invitedPage.getByRole("region", { name: /Members/ });
  await expect(members.getByRole("listitem")).toHaveCount(2);
  await expect(members.getByRole("listitem").filter({ hasText: `@${owner.person.username}` })).toContainText("Owner");
  await expect(members.getByRole("listitem").filter({ hasText: `@${invited.person.username} (you)` })).toBeVisible();

  // The owner publishes to the organization from "Write a post".
  await ownerPage.goto("/posts/new");
  await ownerPage.getByLabel("Organization").selectOption(slug);
  await ownerPage.getByLabel("Title").fill("Notes on the difference engine");
  await ownerPage.getByLabel("Body").fill("For the team only.");
  await ownerPage.getByRole("button", { name: "Publish" }).click();
  await expect(ownerPage).toHaveURL(/\/posts\/[A-Za-z0-9_-]{22}$/);
  const postPath = new URL(ownerPage.url()).pathname;
  const postId = postPath.split("/").at(-1)!;

  // The member reads it, on its page and in the organization's posts.
  await invitedPage.goto(postPath);
  await expect(invitedPage.getByRole("heading", { name: "Notes on the difference engine" })).toBeVisible();
  await invitedPage.goto(`/organizations/${slug}/posts`);
  await expect(invitedPage.getByRole("link", { name: "Notes on the difference engine" })).toBeVisible();

  // A third account gets the same 404 as for a post or organization that does not exist.
  const outsiderPage = await browserOf(browser, baseURL, outsider.person);
  for (const path of [postPath, `/organizations/${slug}`, `/organizations/${slug}/posts`]) {
    const res = await outsiderPage.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(outsiderPage.getByText("Notes on the difference engine")).toHaveCount(0);
    await expect(outsiderPage.getByText("Analytical Engines")).toHaveCount(0);
  }
  const outsiderToken = await tokenFor(request, outsider.person.username, outsider.person.password);
  const asOutsider = { authorization: `Bearer ${outsiderToken}` };
  expect((await request.get(`/api/posts/${postId}`, { headers: asOutsider })).status()).toBe(404);
  expect((await request.get(`/api/organizations/${slug}`, { headers: asOutsider })).status()).toBe(404);
  const feed = await (await request.get("/api/posts", { headers: asOutsider })).json();
  expect(JSON.stringify(feed)).not.toContain(postId);

  // The admin cannot make themselves an owner: the page does not offer it, and the API refuses it.
  await invitedPage.goto(`/organizations/${slug}`);
  const ownRole = invitedPage.getByLabel(`Role of @${invited.person.username}`);
  if (await ownRole.count()) await expect(ownRole.locator("option", { hasText: "Owner" })).toHaveCount(0);
  const adminToken = await tokenFor(request, invited.person.username, invited.person.password);
  const promote = await request.patch(`/api/organizations/${slug}/members/${invited.id}`, {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { role: "owner" },
  });
  expect(promote.status()).toBe(403);
  const list = await (
    await request.get(`/api/organizations/${slug}/members`, { headers: { authorization: `Bearer ${adminToken}` } })
  ).json();
  expect(list.members).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ userId: owner.id, role: "owner" }),
      expect.objectContaining({ userId: invited.id, role: "admin" }),
    ]),
  );
});
