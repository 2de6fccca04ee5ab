import { expectAccessible } from "./a11y";
import { expect, test, type Browser, type Page } from "./api-test";
import { newPerson, remember, signInWithForm, signUpApi } from "./helpers";

async function signedIn(browser: Browser, login: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signInWithForm(page, login, password);
  await expect(page).toHaveURL(/\/account$/);
  return page;
}

async function expectSignedOut(page: Page) {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
}

test.describe("account pages", () => {
  test("edit the profile; the public profile shows it, and nothing private", async ({ browser, request }) => {
    const { person } = await signUpApi(request);
    const page = await signedIn(browser, person.username, person.password);
    await page.getByRole("link", { name: "Edit profile" }).click();
    await expect(page).toHaveURL(/\/account\/profile$/);

    await page.getByLabel("Display name").fill("Katherine Johnson");
    await page.getByLabel("Avatar URL").fill("http://127.0.0.1:1/missing.png"); // fails to load: initials instead
    await page.getByLabel("Bio").fill("Counted the\nway to the moon.");
    await expect(page.getByText("6 / 500 words")).toBeVisible();
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").first()).toHaveText("Your profile is saved.");

    await page.goto(`/u/${person.username}`);
    await expect(page.getByRole("heading", { name: "Katherine Johnson" })).toBeVisible();
    await expect(page.getByText("way to the moon.")).toBeVisible();
    await expect(page.getByText(/Member since/)).toBeVisible();
    await expect(page.getByRole("img", { name: "Avatar of Katherine Johnson" })).toHaveText("KJ");
    await expect(page.locator("body")).not.toContainText(person.email);
    await page.context().close();
  });

  test("a 501-word bio and a taken username are refused in the form, keeping what was typed", async ({
    browser,
    request,
  }) => {
    const { person } = await signUpApi(request);
    const { person: other } = await signUpApi(request);
    const page = await signedIn(browser, person.username, person.password);
    await page.goto("/account/profile");
    await page.getByLabel("Bio").fill("word ".repeat(501));
    await expect(page.getByText("501 / 500 words")).toBeVisible();
    await page.getByLabel("Username").fill(other.username.toUpperCase());
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Use at most 500 words.")).toBeVisible();
    await expect(page.getByLabel("Username")).toHaveValue(other.username.toUpperCase());

    await page.getByLabel("Bio").fill("Short now.");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("This username is taken.").first()).toBeVisible();

    const renamed = `x${person.username}`;
    await page.getByLabel("Username").fill(renamed);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").first()).toHaveText("Your profile is saved.");
    await page.goto(`/u/${renamed}`);
    await expect(page.getByText(`@${renamed}`).first()).toBeVisible();
    await page.context().close();
  });

  test("an unknown public profile is a 404 page", async ({ page }) => {
    const res = await page.goto("/u/no-such-person-here");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "No one here goes by @no-such-person-here" })).toBeVisible();
  });

  test("sessions list; “Sign out everywhere else” signs out a second browser", async ({ browser, request }) => {
    const { person } = await signUpApi(request);
    const first = await signedIn(browser, person.username, person.password);
    const second = await signedIn(browser, person.email, person.password);

    await first.goto("/account/security/sessions");
    const list = first.getByRole("list", { name: "Sessions" });
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await expect(list.getByText("This device")).toHaveCount(1);
    await expect(list.getByText(/Chrome on (Windows|Linux)/).first()).toBeVisible();
    await first.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(first.getByText("Signed out of 1 other session.")).toBeVisible();
    await expect(list.getByRole("listitem")).toHaveCount(1);

    await expectSignedOut(second);
    await first.goto("/account");
    await expect(first).toHaveURL(/\/account$/);
    await first.context().close();
    await second.context().close();
  });

  test("“Sign out” on one listed session ends just that one", async ({ browser, request }) => {
    const { person } = await signUpApi(request);
    const first = await signedIn(browser, person.username, person.password);
    const second = await signedIn(browser, person.username, person.password);
    await first.goto("/account/security/sessions");
    const other = first
      .getByRole("list", { name: "Sessions" })
      .getByRole("listitem")
      .filter({ hasNotText: "This device" });
    await other.getByRole("button", { name: "Sign out" }).click();
    await expect(first.getByRole("list", { name: "Sessions" }).getByRole("listitem")).toHaveCount(1);
    await expectSignedOut(second);
    await first.context().close();
    await second.context().close();
  });

  test("changing the password keeps this browser signed in and signs out the other", async ({ browser, request }) => {
    const { person } = await signUpApi(request);
    const first = await signedIn(browser, person.username, person.password);
    const second = await signedIn(browser, person.username, person.password);
    await first.goto("/account/security/password");

    await first.getByLabel("Current password").fill("definitely-wrong");
    await first.getByLabel("New password", { exact: true }).fill("a-new-password-123");
    await first.getByLabel("Confirm new password").fill("a-new-password-123");
    await first.getByRole("button", { name: "Change password" }).click();
    await expect(first.getByText("Incorrect password.").first()).toBeVisible();

    const newPassword = remember(`changed-${person.password}`);
    await first.getByLabel("Current password").fill(person.password);
    await first.getByLabel("New password", { exact: true }).fill(newPassword);
    await first.getByLabel("Confirm new password").fill(newPassword);
    await first.getByRole("button", { name: "Change password" }).click();
    await expect(first.getByRole("status").first()).toHaveText(
      /Your password is changed\. 1 other session was signed out\./,
    );

    await expectSignedOut(second);
    await first.goto("/account");
    await expect(first).toHaveURL(/\/account$/);
    await first.context().close();
    await second.context().close();
  });

  test("deleting the account opens a dialog that needs the password and the typed username", async ({
    browser,
    request,
  }) => {
    const { person } = await signUpApi(request);
    const page = await signedIn(browser, person.username, person.password);
    await page.goto("/account/security/delete");
    const open = page.getByRole("button", { name: "Delete account" });
    await open.click();
    const dialog = page.getByRole("dialog", { name: "Delete your account?" });
    await expect(dialog).toBeVisible();
    // Focus moves into the dialog; Escape cancels and gives it back.
    await expect(dialog.getByLabel("Password")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(open).toBeFocused();

    await open.click();
    await expect(dialog.getByRole("button")).toHaveText(["Cancel", "Delete my account"]);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `/account/security/delete confirming deletion at ${width} px`);
      await page.screenshot({ path: `test-results/delete-account-dialog-${width}.png` });
    }
    // The right password, the wrong username: refused before the password is tried.
    await dialog.getByLabel("Password").fill(person.password);
    await dialog.getByLabel(/Type your username/).fill(`${person.username}x`);
    await dialog.getByRole("button", { name: "Delete my account" }).click();
    await expect(dialog.getByText(`That is not your username. Type ${person.username} to confirm.`)).toBeVisible();
    // The right username, the wrong password.
    await dialog.getByLabel("Password").fill("wrong-password");
    await dialog.getByLabel(/Type your username/).fill(person.username);
    await dialog.getByRole("button", { name: "Delete my account" }).click();
    await expect(dialog.getByText("Incorrect password.").first()).toBeVisible();
    await expect(page).toHaveURL(/\/account\/security\/delete$/);

    await dialog.getByLabel("Password").fill(person.password);
    await dialog.getByLabel(/Type your username/).fill(person.username.toUpperCase());
    await dialog.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/\?deleted=1$/);
    await expect(page.getByText("Your account has been deleted.")).toBeVisible();
    await expectSignedOut(page);

    const again = await request.post("/api/users", {
      data: { ...newPerson(), username: person.username, email: person.email },
    });
    expect(again.status()).toBe(201);
    await page.context().close();
  });
});
