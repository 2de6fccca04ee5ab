import { expect, test, type Page } from "./api-test";
import { linkFrom, newPerson, remember, signInWithForm, signUpApi, waitForMail } from "./helpers";

/**
 * Forms that help (issue 27, items 1, 3, 4): every problem in the first round, what was typed kept after a
 * failed submit (passwords too, in the browser only), one message per field that clears as it is fixed,
 * focus on the first invalid field, and a dropped connection answered inside the form.
 */
const NETWORK_FAILED = "Couldn't reach the server — check your connection and try again.";

/** Makes every server-action POST fail as a dropped connection would: the request never gets an answer. */
async function dropServerActions(page: Page) {
  await page.route("**/*", (route) =>
    route.request().method() === "POST" && route.request().headers()["next-action"]
      ? route.abort("internetdisconnected")
      : route.continue(),
  );
}

test.describe("forms that help", () => {
  test("sign-up with a taken username and a common password gets both errors at once and keeps both passwords", async ({
    page,
    request,
  }) => {
    const { person: holder } = await signUpApi(request, newPerson("taken"));
    const person = newPerson("form");
    await page.goto("/sign-up");
    await page.getByLabel("Username").fill(holder.username);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password", { exact: true }).fill("sunshine");
    await page.getByLabel("Confirm password").fill("sunshine");
    await page.getByRole("button", { name: "Create account" }).click();

    const username = page.getByLabel("Username");
    await expect(username).toHaveAccessibleDescription("This username is taken.");
    await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(/most common passwords/);
    await expect(page).toHaveURL(/\/sign-up$/);
    // Kept: what was typed, both passwords included; the hint gave way to the error (one message per field).
    await expect(username).toHaveValue(holder.username);
    await expect(page.getByLabel("Email")).toHaveValue(person.email);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("sunshine");
    await expect(page.getByLabel("Confirm password")).toHaveValue("sunshine");
    await expect(page.getByText("3–30 letters, digits, dots, dashes or underscores.")).toHaveCount(0);
    // Focus on the first invalid field; typing there drops its error, and only its error.
    await expect(username).toBeFocused();
    await username.press("End");
    await username.pressSequentially("x");
    await expect(username).not.toHaveAttribute("aria-invalid");
    await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");

    // The second round: only the password was left to fix.
    const password = remember(`pw-${Date.now()}-Good!`);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByLabel("Confirm password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/account$/);
  });

  test("sign-up says every format problem, the differing confirmation and a taken email in one answer", async ({
    page,
    request,
  }) => {
    const { person: holder } = await signUpApi(request, newPerson("mail"));
    await page.goto("/sign-up");
    await page.getByLabel("Username").fill("x");
    await page.getByLabel("Email").fill(holder.email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Confirm password").fill("other");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByLabel("Username")).toHaveAccessibleDescription("Use at least 3 characters.");
    await expect(page.getByLabel("Email")).toHaveAccessibleDescription("An account with this email already exists.");
    await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(
      "Use at least 8 characters.",
    );
    await expect(page.getByLabel("Confirm password")).toHaveAccessibleDescription("The passwords do not match.");
    await expect(page.getByLabel("Confirm password")).toHaveValue("other");
  });

  test("a taken username is said when the field is left, before any submit", async ({ page, request }) => {
    const { person: holder } = await signUpApi(request, newPerson("blur"));
    await page.goto("/sign-up");
    const username = page.getByLabel("Username");
    await username.fill(holder.username.toUpperCase());
    await page.getByLabel("Email").focus();
    await expect(username).toHaveAccessibleDescription("This username is taken.");
    await username.fill(newPerson("free").username);
    await expect(username).not.toHaveAttribute("aria-invalid");
    await page.getByLabel("Email").focus();
    await expect(username).toHaveAccessibleDescription("3–30 letters, digits, dots, dashes or underscores.");
  });

  test("a dropped connection during sign-in keeps the form and says so in it", async ({ page, request }) => {
    const { person } = await signUpApi(request, newPerson("net"));
    await page.goto("/sign-in");
    await dropServerActions(page);
    await signInWithForm(page, person.username, person.password);
    await expect(page.getByRole("status").filter({ hasText: NETWORK_FAILED })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toHaveCount(0);
    await expect(page.getByLabel("Username or email")).toHaveValue(person.username);
    await expect(page.getByLabel("Password")).toHaveValue(person.password);

    // Back online: the same form, untouched, signs in; the button says it is working meanwhile.
    await page.unrouteAll({ behavior: "wait" });
    let answer = () => {};
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route("**/*", async (route) => {
      if (route.request().method() === "POST" && route.request().headers()["next-action"]) await held;
      await route.continue();
    });
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("button", { name: "Signing in…" })).toBeDisabled();
    answer();
    await expect(page).toHaveURL(/\/account$/);
  });

  test("a dropped connection keeps the profile, post and forgot-password forms and says so in them", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("drop"));
    const { token } = linkFrom(await waitForMail(person.email, /Confirm your email/));
    expect((await request.post("/api/email-verifications/confirm", { data: { token } })).status()).toBe(204);
    const networkMessage = page.getByRole("status").filter({ hasText: NETWORK_FAILED });
    const errorPage = page.getByRole("heading", { name: "Something went wrong" });

    await page.goto("/forgot-password");
    await dropServerActions(page);
    await page.getByLabel("Email").fill(person.email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(networkMessage).toBeVisible();
    await expect(errorPage).toHaveCount(0);
    await expect(page.getByLabel("Email")).toHaveValue(person.email);
    await page.unrouteAll({ behavior: "wait" });

    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);

    await page.goto("/account/profile");
    await dropServerActions(page);
    await page.getByLabel("Display name").fill("Kept Through Outage");
    await page.getByLabel("Bio").fill("Typed while the line was down.");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(networkMessage).toBeVisible();
    await expect(errorPage).toHaveCount(0);
    await expect(page.getByLabel("Username")).toHaveValue(person.username);
    await expect(page.getByLabel("Display name")).toHaveValue("Kept Through Outage");
    await expect(page.getByLabel("Bio")).toHaveValue("Typed while the line was down.");
    await page.unrouteAll({ behavior: "wait" });

    await page.goto("/posts/new");
    await dropServerActions(page);
    await page.getByLabel("Title").fill("Written offline");
    await page.getByLabel("Body").fill("Every word of this stays.");
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(networkMessage).toBeVisible();
    await expect(errorPage).toHaveCount(0);
    await expect(page.getByLabel("Title")).toHaveValue("Written offline");
    await expect(page.getByLabel("Body")).toHaveValue("Every word of this stays.");
    await page.unrouteAll({ behavior: "wait" });
  });

  test("a dropped connection during a sensitive action says so in its dialog, and nothing is deleted", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("dropdel"));
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/account/security/delete");
    await page.getByRole("button", { name: "Delete account" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your account?" });
    await dialog.getByLabel("Password").fill(person.password);
    await dialog.getByLabel(/Type your username/).fill(person.username);
    await dropServerActions(page);
    await dialog.getByRole("button", { name: "Delete my account" }).click();
    await expect(dialog.getByText(NETWORK_FAILED)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toHaveCount(0);
    await page.unrouteAll({ behavior: "wait" });
    expect((await request.get(`/api/users/${person.username}`)).status()).toBe(200);
  });

  test("offline during sign-up keeps every field, passwords included", async ({ page, context }) => {
    const person = newPerson("off");
    await page.goto("/sign-up");
    await page.getByLabel("Username").fill(person.username);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByLabel("Confirm password").fill(person.password);
    await context.setOffline(true);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("status").filter({ hasText: NETWORK_FAILED })).toBeVisible();
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue(person.password);
    await expect(page.getByLabel("Confirm password")).toHaveValue(person.password);
    await expect(page.getByLabel("Username")).toHaveValue(person.username);
    await context.setOffline(false);
  });

  test("change password: a wrong current password and a differing confirmation at once, the fields kept", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("chg"));
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/account/security/password");
    await page.getByLabel("Current password").fill("definitely-wrong");
    await page.getByLabel("New password", { exact: true }).fill("sunshine");
    await page.getByLabel("Confirm new password").fill("sunshine!");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByLabel("Current password")).toHaveAccessibleDescription("Incorrect password.");
    await expect(page.getByLabel("New password", { exact: true })).toHaveAccessibleDescription(/most common/);
    await expect(page.getByLabel("Confirm new password")).toHaveAccessibleDescription("The passwords do not match.");
    await expect(page.getByLabel("Current password")).toBeFocused();
    await expect(page.getByLabel("Current password")).toHaveValue("definitely-wrong");
    await expect(page.getByLabel("Confirm new password")).toHaveValue("sunshine!");
  });
});
