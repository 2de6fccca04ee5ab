import { expect, test } from "./api-test";
import { newPerson, signInWithForm, signOutWithMenu, signUpApi } from "./helpers";

test.describe("in the browser", () => {
  test("sign up, see the profile, sign out, sign in again with the email", async ({ page }) => {
    const person = newPerson("web");
    await page.goto("/");
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/sign-up$/);
    await page.getByLabel("Username").fill(person.username);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByLabel("Confirm password").fill(person.password);
    await page.getByText("Profile (optional)").click();
    await page.getByLabel("Display name").fill("Grace Hopper");
    await page.getByLabel("Bio").fill("<script>alert(1)</script>\nSecond line");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "Grace Hopper" })).toBeVisible();
    await expect(page.getByText(`@${person.username}`).first()).toBeVisible();
    await expect(page.getByText(person.email).first()).toBeVisible();
    await expect(page.getByText("<script>alert(1)</script>")).toBeVisible(); // plain text, not HTML
    await expect(page.getByRole("img", { name: "Avatar of Grace Hopper" })).toHaveText("GH");

    await signOutWithMenu(page);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)account$/);

    await signInWithForm(page, person.email.toUpperCase(), person.password);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "Grace Hopper" })).toBeVisible();
  });

  test("the sign-up form shows every field error in one answer and keeps what was typed; the server never echoes a password", async ({
    page,
    request,
  }) => {
    const { person: taken } = await signUpApi(request);
    const person = newPerson("web");
    await page.goto("/sign-up");
    await page.getByLabel("Username").fill(taken.username.toUpperCase());
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByLabel("Confirm password").fill(person.password + "x");
    const answers: string[] = []; // what the server action answered: read on the way, then handed on as it was
    await page.route("**/*", async (route) => {
      if (route.request().method() !== "POST" || !route.request().headers()["next-action"]) return route.continue();
      const response = await route.fetch();
      answers.push(await response.text());
      await route.fulfill({ response });
    });
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page.getByText("The passwords do not match.")).toBeVisible();
    await expect(page.getByText("This username is taken.").first()).toBeVisible();
    expect(answers).toHaveLength(1);
    expect(answers[0]).not.toContain(person.password);
    await expect(page.getByLabel("Email")).toHaveValue(person.email);
    // Kept in the browser only: the answer above held no password.
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue(person.password);
    await expect(page.getByLabel("Confirm password")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Username")).toHaveValue(taken.username.toUpperCase());
    await expect(page).toHaveURL(/\/sign-up$/);
  });

  test("bad credentials get one generic message", async ({ page, request }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, "wrong-password");
    await expect(page.getByRole("status")).toHaveText("Incorrect username, email or password.");
    await expect(page.getByLabel("Username or email")).toHaveValue(person.username);
    await expect(page.getByLabel("Password")).toHaveValue("wrong-password"); // kept in the browser, to fix a typo
    await signInWithForm(page, `nobody-${person.username}`, "wrong-password");
    await expect(page.getByRole("status")).toHaveText("Incorrect username, email or password.");
  });

  test("callbackUrl is honoured on this site and ignored elsewhere", async ({ page, request }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in?callbackUrl=" + encodeURIComponent("//evil.example/x"));
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/account$/);
    await signOutWithMenu(page);
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/sign-in?callbackUrl=" + encodeURIComponent("/?from=sign-in"));
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/\?from=sign-in$/);
    await expect(page.getByRole("heading", { name: `Hello, ${person.username}.` })).toBeVisible();
  });

  test("a signed-out session's cookie is refused at once", async ({ page, browser, request }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name.includes("accounts.session"))).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await signOutWithMenu(page);
    await expect(page).toHaveURL(/\/$/);

    // Someone who copied the cookie before sign-out gets nothing with it.
    const thief = await browser.newContext();
    await thief.addCookies(cookies);
    const stolen = await thief.newPage();
    await stolen.goto("/account");
    await expect(stolen).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)account$/);
    await thief.close();
  });

  test("a forged session cookie is a signed-out visitor, not an error", async ({ page, context, baseURL }) => {
    await context.addCookies([
      {
        name: "accounts.session",
        value: "forged.jwe.value",
        url: baseURL!,
      },
    ]);
    const res = await page.goto("/account");
    expect(res?.status()).toBe(200);
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("pages work at phone width", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto("/sign-up");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();
  });
});
