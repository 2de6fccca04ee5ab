import { mkdirSync } from "node:fs";
import { expectAccessible } from "./a11y";
import { expect, test, type APIRequestContext } from "./api-test";
import { expectProblem, remember, signInWithForm, signUpApi, tokenFor } from "./helpers";

/**
 * API keys (issue 30): made on the security page's "API keys" page and over the API, shown once, scoped, revoked at
 * once. Every API answer here is checked against the OpenAPI document (./api-test).
 */
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const SHOTS = process.env.SHOTS_DIR;

async function account(request: APIRequestContext) {
  const { person, user } = await signUpApi(request);
  const token = await tokenFor(request, person.username, person.password);
  return { person, user, token };
}

test.describe("API keys over the API", () => {
  test("a key acts only within its scopes, never manages keys or the password, and is revoked at once", async ({
    request,
  }) => {
    const a = await account(request);
    const made = await request.post("/api/users/me/api-keys", {
      headers: bearer(a.token),
      data: { name: "reader", scopes: ["posts:read", "profile:read"], expiresInDays: 7 },
    });
    expect(made.status()).toBe(201);
    const { apiKey, key } = await made.json();
    remember(key);
    expect(key).toMatch(/^acc_/);
    expect(apiKey).toMatchObject({ name: "reader", scopes: ["posts:read", "profile:read"], prefix: key.slice(0, 12) });

    expect((await request.get("/api/users/me", { headers: bearer(key) })).status()).toBe(200);
    expect((await request.get("/api/posts", { headers: bearer(key) })).status()).toBe(200);
    const post = await request.post("/api/posts", { headers: bearer(key), data: { title: "t", body: "b" } });
    expect(await expectProblem(post, 403)).toMatchObject({ code: "insufficient_scope", scope: "posts:write" });
    const another = await request.post("/api/users/me/api-keys", {
      headers: bearer(key),
      data: { name: "x", scopes: ["posts:read"] },
    });
    expect((await expectProblem(another, 403)).code).toBe("insufficient_scope");
    const password = await request.put("/api/users/me/password", {
      headers: bearer(key),
      data: { currentPassword: a.person.password, newPassword: "a whole new passphrase 42" },
    });
    expect((await expectProblem(password, 403)).code).toBe("insufficient_scope");

    const list = await request.get("/api/users/me/api-keys", { headers: bearer(a.token) });
    expect((await list.json()).apiKeys.map((k: { id: string }) => k.id)).toEqual([apiKey.id]);
    expect(await list.text()).not.toContain(key);

    expect((await request.delete(`/api/users/me/api-keys/${apiKey.id}`, { headers: bearer(a.token) })).status()).toBe(
      204,
    );
    await expectProblem(await request.get("/api/users/me", { headers: bearer(key) }), 401);
    await expectProblem(await request.delete(`/api/users/me/api-keys/${apiKey.id}`, { headers: bearer(a.token) }), 404);
  });
});

test.describe("the API keys page", () => {
  test("creates a key shown once with a copy button, lists it, and revokes it", async ({ page, request }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/account/security/api-keys");
    const region = page.getByRole("region", { name: "API keys" });
    await expect(region.getByText("No API keys.")).toBeVisible();

    await region.getByRole("button", { name: "Create a key" }).click();
    await region.getByRole("button", { name: "Create key" }).click();
    await expect(region.getByLabel("Name")).toBeFocused();
    await expect(region.getByText("Give the key a name.")).toBeVisible();
    await expectAccessible(page, "api keys: the form with an error");
    await region.getByLabel("Name").fill("Backup script");
    await region.getByRole("checkbox", { name: /profile:read/ }).check();
    await region.getByLabel("Expires after").selectOption("30");
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}/api-keys-form-1280.png`, fullPage: true });
    }
    await region.getByRole("button", { name: "Create key" }).click();

    const field = region.getByLabel("The new API key");
    await expect(field).toBeVisible();
    const key = remember(await field.inputValue());
    expect(key).toMatch(/^acc_[A-Za-z0-9_-]{43}$/);
    await expect(region.getByText("Copy it now: it will not be shown again.")).toBeVisible();
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await region.getByRole("button", { name: "Copy" }).click();
    await expect(region.getByText("Copied.")).toBeVisible();
    await expectAccessible(page, "api keys: the key shown once");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/api-keys-shown-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 375, height: 800 });
      await page.screenshot({ path: `${SHOTS}/api-keys-shown-375.png`, fullPage: true });
    }
    const me = await request.get("/api/users/me", { headers: bearer(key) });
    expect((await me.json()).username).toBe(person.username);

    await region.getByRole("button", { name: "Done" }).click();
    await expect(field).toHaveCount(0);
    const item = region.getByRole("listitem", { name: "Backup script" });
    await expect(item).toContainText(key.slice(0, 12));
    await expect(item).toContainText("profile:read");
    await page.reload();
    expect(await page.content()).not.toContain(key);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/api-keys-list-375.png`, fullPage: true });

    await region.getByRole("button", { name: "Revoke Backup script" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await expect(region.getByText('The key "Backup script" is revoked. It no longer works.')).toBeVisible();
    await expect(region.getByText("No API keys.")).toBeVisible();
    await expectProblem(await request.get("/api/users/me", { headers: bearer(key) }), 401);
  });
});
