import { expectAccessible } from "./a11y";
import { expect, test } from "./api-test";
import { expectProblem, linkFrom, newPerson, signInWithForm, signUpApi, tokenFor, waitForMail } from "./helpers";
import type { APIRequestContext, Page } from "@playwright/test";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A person with a confirmed email and a bearer token. */
async function verifiedPerson(request: APIRequestContext, prefix = "post") {
  const { person } = await signUpApi(request, newPerson(prefix));
  const { token: link } = linkFrom(await waitForMail(person.email, /Confirm your email/));
  expect((await request.post("/api/email-verifications/confirm", { data: { token: link } })).status()).toBe(204);
  return { person, token: await tokenFor(request, person.username, person.password) };
}

async function publish(request: APIRequestContext, token: string, title: string, body = "Some words.") {
  const res = await request.post("/api/posts", { headers: bearer(token), data: { title, body } });
  expect(res.status()).toBe(201);
  const post = await res.json();
  expect(res.headers()["location"]).toBe(`/api/posts/${post.id}`);
  return post as { id: string; title: string; body: string; createdAt: string; updatedAt: string };
}

async function signIn(page: Page, login: string, password: string) {
  await page.goto("/sign-in");
  await signInWithForm(page, login, password);
  await expect(page).toHaveURL(/\/account$/);
}

test.describe("posts", () => {
  test("write, edit and delete a post in the browser", async ({ page, request }) => {
    const { person } = await verifiedPerson(request);
    await signIn(page, person.username, person.password);
    await expect(page.getByText("Your posts")).toBeVisible();
    await page.goto("/");
    await page.getByRole("link", { name: "Write a post" }).click();
    await expect(page).toHaveURL(/\/posts\/new$/);
    await expect(page.getByText("0 / 120 characters")).toBeVisible();
    await page.getByLabel("Title").fill("My first entry");
    await expect(page.getByText("14 / 120 characters")).toBeVisible();

    // Field errors: an empty body is refused, and what was typed is kept.
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByText("Write something in your post.")).toBeVisible();

    await page.getByLabel("Body").fill("Line one\nLine two <b>not bold</b>");
    await expect(page.getByText("33 / 20,000 characters")).toBeVisible();
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page).toHaveURL(/\/posts\/[A-Za-z0-9_-]{22}$/);
    const id = page.url().split("/").at(-1)!;
    await expect(page.getByRole("heading", { name: "My first entry" })).toBeVisible();
    await expect(page.getByText("Line one\nLine two <b>not bold</b>")).toBeVisible();
    await expect(page.locator("b")).toHaveCount(0);
    await expectAccessible(page, "a post page, its author's view");

    // On the home page, with its author and time.
    await page.goto("/");
    const item = page.getByRole("listitem").filter({ hasText: "My first entry" });
    await expect(item.getByRole("link", { name: person.username })).toHaveAttribute("href", `/u/${person.username}`);
    await expect(item.locator("time")).toHaveText("just now");
    // The exact time on hover is the reader's local time.
    const exact = await item
      .locator("time")
      .evaluate((el) =>
        new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(
          new Date(el.getAttribute("datetime")!),
        ),
      );
    await expect(item.locator("time")).toHaveAttribute("title", exact);

    // Edit.
    await page.goto(`/posts/${id}`);
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page).toHaveURL(`/posts/${id}/edit`);
    await expect(page.getByLabel("Title")).toHaveValue("My first entry");
    await page.getByLabel("Title").fill("My first entry, revised");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(`/posts/${id}`);
    await expect(page.getByRole("heading", { name: "My first entry, revised" })).toBeVisible();
    await expect(page.getByText(/^edited /)).toBeVisible();

    // The profile counts it.
    await page.goto(`/u/${person.username}`);
    await expect(page.getByText("1 post")).toBeVisible();
    await expect(page.getByRole("link", { name: "My first entry, revised" })).toBeVisible();

    // Delete, with a confirmation.
    await page.goto(`/posts/${id}`);
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("Delete this post? This cannot be undone.")).toBeVisible();
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("button", { name: "Yes, delete this post" }).click();
    await expect(page).toHaveURL(`/u/${person.username}?deleted=1`);
    await expect(page.getByText("Your post has been deleted.")).toBeVisible();
    await expectProblem(await request.get(`/api/posts/${id}`), 404);
  });

  test("another account can neither edit nor delete: 403 over the API, 404 page, a replayed action fails", async ({
    browser,
    request,
  }) => {
    const author = await verifiedPerson(request, "owner");
    const other = await verifiedPerson(request, "other");
    const post = await publish(request, author.token, "Mine alone", "Hands off.");

    const patch = await expectProblem(
      await request.patch(`/api/posts/${post.id}`, { headers: bearer(other.token), data: { title: "Hijacked" } }),
      403,
    );
    expect(patch.code).toBe("forbidden");
    await expectProblem(await request.delete(`/api/posts/${post.id}`, { headers: bearer(other.token) }), 403);
    await expectProblem(await request.delete(`/api/posts/${post.id}`), 401);
    await expectProblem(await request.delete(`/api/posts/${"A".repeat(22)}`, { headers: bearer(other.token) }), 404);

    const otherContext = await browser.newContext();
    const otherPage = await otherContext.newPage();
    await signIn(otherPage, other.person.username, other.person.password);
    await otherPage.goto(`/posts/${post.id}`);
    await expect(otherPage.getByRole("heading", { name: "Mine alone" })).toBeVisible();
    await expect(otherPage.getByRole("link", { name: "Edit" })).toHaveCount(0);
    await expect(otherPage.getByRole("button", { name: "Delete" })).toHaveCount(0);
    const edit = await otherPage.goto(`/posts/${post.id}/edit`);
    expect(edit?.status()).toBe(404);

    // The author's own edit-form submission, caught before it is sent, replayed with the other session.
    const authorContext = await browser.newContext();
    const authorPage = await authorContext.newPage();
    await signIn(authorPage, author.person.username, author.person.password);
    await authorPage.goto(`/posts/${post.id}/edit`);
    await authorPage.getByLabel("Title").fill("Replayed title");
    let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
    await authorPage.route(`**/posts/${post.id}/edit`, async (route) => {
      const req = route.request();
      if (req.method() !== "POST") return route.continue();
      captured = { url: req.url(), headers: await req.allHeaders(), body: req.postDataBuffer()! };
      await route.abort();
    });
    await authorPage.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => captured !== undefined).toBe(true);
    const headers = Object.fromEntries(
      Object.entries(captured!.headers).filter(([k]) => !["cookie", "content-length", "host"].includes(k)),
    );

    const replayed = await otherContext.request.post(captured!.url, { headers, data: captured!.body });
    expect(await replayed.text()).toContain("Only its author can edit this post.");
    expect((await (await request.get(`/api/posts/${post.id}`)).json()).title).toBe("Mine alone");

    // The same request with the author's session does edit: the replay itself was sound.
    await authorContext.request.post(captured!.url, { headers, data: captured!.body });
    expect((await (await request.get(`/api/posts/${post.id}`)).json()).title).toBe("Replayed title");

    await otherContext.close();
    await authorContext.close();
  });

  test("an unverified author is refused, and told why in the browser", async ({ page, request }) => {
    const { person } = await signUpApi(request, newPerson("unverified"));
    const token = await tokenFor(request, person.username, person.password);
    const refused = await expectProblem(
      await request.post("/api/posts", { headers: bearer(token), data: { title: "t", body: "b" } }),
      403,
    );
    expect(refused.code).toBe("email_unverified");
    await signIn(page, person.username, person.password);
    await page.goto("/posts/new");
    await expect(page.getByText("Publishing needs a confirmed email address.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Resend link" })).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveCount(0);
  });

  test("API: pages stay stable while posts are added; bad queries; the hourly limit", async ({ request }) => {
    const { person, token } = await verifiedPerson(request, "pager");
    const first = [];
    for (const title of ["one", "two", "three"]) first.push(await publish(request, token, title));
    const page1 = await request.get(`/api/posts?author=${person.username}&limit=2`);
    expect(page1.status()).toBe(200);
    const p1 = await page1.json();
    expect(p1.posts.map((p: { title: string }) => p.title)).toEqual(["three", "two"]);
    for (let i = 0; i < 7; i++) await publish(request, token, `later ${i}`);
    const p2 = await (await request.get(`/api/posts?author=${person.username}&limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2).toMatchObject({ posts: [{ title: "one" }], nextCursor: null });
    expect((await (await request.get(`/api/users/${person.username}`)).json()).postCount).toBe(10);

    await expectProblem(await request.get("/api/posts?cursor=nonsense"), 400);
    await expectProblem(await request.get("/api/posts?limit=101"), 400);
    await expectProblem(await request.get("/api/posts?author=no-such-person-here"), 404);

    const eleventh = await request.post("/api/posts", { headers: bearer(token), data: { title: "11", body: "b" } });
    await expectProblem(eleventh, 429);
    expect(Number(eleventh.headers()["retry-after"])).toBeGreaterThan(0);
  });

  test("the home page pages with “Older posts”", async ({ page, request }) => {
    const { token } = await verifiedPerson(request, "homepager");
    const mine = [];
    for (let i = 0; i < 10; i++) mine.push(await publish(request, token, `Home page post ${i}`));
    const second = await verifiedPerson(request, "homepager");
    await publish(request, second.token, "The newest of all");
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Latest posts" })).toBeVisible();
    await expect(page.getByRole("link", { name: "The newest of all" })).toBeVisible();
    await page.getByRole("link", { name: "Older posts" }).click();
    await expect(page).toHaveURL(/\/\?cursor=/);
    await expect(page.getByRole("heading", { name: "Older posts" })).toBeVisible();
    // Other specs may publish meanwhile: page 2 holds older posts, never the newest one.
    await expect(page.getByRole("listitem").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "The newest of all" })).toHaveCount(0);
    // A cursor the server never made is the first page, not an error.
    await page.goto("/?cursor=garbage");
    await expect(page.getByRole("heading", { name: "Latest posts" })).toBeVisible();
  });

  test("a deleted account's posts are gone", async ({ request }) => {
    const { person, token } = await verifiedPerson(request, "leaver");
    const post = await publish(request, token, "Soon gone");
    const del = await request.delete("/api/users/me", { headers: bearer(token), data: { password: person.password } });
    expect(del.status()).toBe(204);
    await expectProblem(await request.get(`/api/posts/${post.id}`), 404);
    await expectProblem(await request.get(`/api/posts?author=${person.username}`), 404);
    const latest = await (await request.get("/api/posts?limit=100")).json();
    expect(latest.posts.map((p: { id: string }) => p.id)).not.toContain(post.id);
  });
});
