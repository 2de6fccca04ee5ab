import { mkdirSync } from "node:fs";
import { AUDIT_SCHEMES, AUDIT_WIDTHS, expectAccessible } from "./a11y";
import { expect, test } from "./api-test";
import { expectProblem, linkFrom, newPerson, signInWithForm, signUpApi, tokenFor, waitForMail } from "./helpers";
import type { APIRequestContext, Page } from "@playwright/test";

/** Issue 33 in the browser: follow from a profile, the count and the feed change, unfollow. */
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const SHOTS = process.env.SHOTS_DIR;

async function verifiedPerson(request: APIRequestContext, prefix: string) {
  const { person } = await signUpApi(request, newPerson(prefix));
  const { token: link } = linkFrom(await waitForMail(person.email, /Confirm your email/));
  expect((await request.post("/api/email-verifications/confirm", { data: { token: link } })).status()).toBe(204);
  return { person, token: await tokenFor(request, person.username, person.password) };
}

async function audit(page: Page, paths: string[], name: string) {
  for (const colorScheme of AUDIT_SCHEMES)
    for (const width of AUDIT_WIDTHS) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 900 });
      for (const p of paths) {
        await page.goto(p);
        await expectAccessible(page, `${p} at ${width} px, ${colorScheme}`, { soft: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect.soft(overflow, `${p} at ${width} px is wider than the window`).toBeLessThanOrEqual(0);
        if (SHOTS && colorScheme === "light") {
          mkdirSync(SHOTS, { recursive: true });
          const file = `${name}${p.replace(/[^a-z0-9]+/gi, "-")}-${width}.png`;
          await page.screenshot({ path: `${SHOTS}/${file}`, fullPage: true });
        }
      }
    }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe("follows", () => {
  test("follow from a profile page, see the count and the post in the feed, unfollow", async ({ page, request }) => {
    test.setTimeout(180_000);
    const author = await verifiedPerson(request, "fauthor");
    const title = `Feed journey ${Date.now().toString(36)}`;
    const res = await request.post("/api/posts", { headers: bearer(author.token), data: { title, body: "Hello." } });
    expect(res.status()).toBe(201);
    const reader = await verifiedPerson(request, "freader");
    const profile = `/u/${author.person.username}`;

    // Signed out: the counts, and a way to sign in to follow.
    await page.goto(profile);
    await expect(page.getByTestId("followers-count")).toHaveText("0 followers");
    await expect(page.getByRole("link", { name: "Sign in to follow" })).toBeVisible();

    await page.goto("/sign-in");
    await signInWithForm(page, reader.person.username, reader.person.password);
    await expect(page).toHaveURL(/\/account$/);
    // An empty feed says so (and suggests the most-followed accounts, when there are any).
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Feed" }).click();
    await expect(page).toHaveURL(/\/feed$/);
    await expect(page.getByText("Nothing here yet.")).toBeVisible();
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);

    // Follow by keyboard: the button is busy while the request runs, then becomes "Unfollow".
    await page.goto(profile);
    const follow = page.getByRole("button", { name: "Follow", exact: true });
    await follow.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Unfollow" })).toBeVisible();
    await expect(page.getByTestId("followers-count")).toHaveText("1 follower");
    const api = await request.get(`/api/users/${author.person.username}`, { headers: bearer(reader.token) });
    expect(await api.json()).toMatchObject({ followers: 1, following: 0, posts: 1, followedByYou: true });

    // The followers list names the reader; the reader's following list names the author.
    await page.getByTestId("followers-count").click();
    await expect(page).toHaveURL(new RegExp(`${profile}/followers$`));
    await expect(page.getByRole("link", { name: new RegExp(`@${reader.person.username}`) })).toBeVisible();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Feed" }).click();
    await expect(page.getByRole("link", { name: title })).toBeVisible();

    await audit(page, ["/feed", profile, `${profile}/followers`, `/u/${reader.person.username}/following`], "f1");

    // Unfollow: the count goes back, the post leaves the feed.
    await page.goto(profile);
    await page.getByRole("button", { name: "Unfollow" }).click();
    await expect(page.getByRole("button", { name: "Follow", exact: true })).toBeVisible();
    await expect(page.getByTestId("followers-count")).toHaveText("0 followers");
    await page.goto("/feed");
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);
    // A program follows through the API; following oneself is refused with its code.
    const other = await verifiedPerson(request, "fother");
    expect(
      (await request.put(`/api/users/${author.person.username}/follow`, { headers: bearer(other.token) })).status(),
    ).toBe(204);
    const self = await expectProblem(
      await request.put(`/api/users/${other.person.username}/follow`, { headers: bearer(other.token) }),
      400,
    );
    expect(self.code).toBe("cannot_follow_self");
  });
});
