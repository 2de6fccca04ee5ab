import { expect, test, type Page } from "@playwright/test";
import { mailTo, newPerson, signInWithForm, signOutWithMenu, signUpApi, waitForMail } from "./helpers";
import { answerStandin, E2E_GITHUB, E2E_GOOGLE, newGitHubPerson, newGooglePerson } from "./standins";

/**
 * "Continue with GitHub" and "Continue with Google" through the whole redirect dance in Chromium, against the
 * stand-ins (e2e/github-standin.mjs, e2e/google-standin.mjs): a new person gets an account whose email is
 * verified only when the provider says so (GitHub: only when /user/emails lists the primary as verified); the
 * same identity comes back to the same account; an address equal to an existing account's is never linked
 * silently, and is connected only after a sign-in to that account; a cancel at the provider is a message.
 */

async function continueWith(page: Page, provider: "GitHub" | "Google", login: string, decision?: "Cancel") {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${provider}` }).click();
  await page.waitForURL(`${provider === "GitHub" ? E2E_GITHUB.url : E2E_GOOGLE.url}/**`);
  await answerStandin(page, login, decision);
}

/** "Account menu for @username": who is signed in. */
async function accountMenuName(page: Page): Promise<string> {
  return ((await page.getByRole("button", { name: /^Account menu for @/ }).textContent()) ?? "").trim();
}

test.describe("GitHub", () => {
  test("a new person signs up with a verified primary address, and comes back to the same account", async ({
    page,
  }) => {
    const gh = await newGitHubPerson({ verified: true });
    await continueWith(page, "GitHub", gh.login);
    await expect(page).toHaveURL(/\/account/);
    await page.goto("/account");
    const address = page.getByRole("region", { name: "Email", exact: true });
    await expect(address).toContainText(`${gh.email} verified`);
    const who = await accountMenuName(page);

    await signOutWithMenu(page);
    await continueWith(page, "GitHub", gh.login);
    await expect(page).toHaveURL(/\/account/);
    expect(await accountMenuName(page)).toBe(who);
  });

  test("an unverified primary address makes an account whose email is not verified", async ({ page }) => {
    const gh = await newGitHubPerson({ verified: false });
    await continueWith(page, "GitHub", gh.login);
    await expect(page).toHaveURL(/\/account/);
    await page.goto("/account");
    await expect(page.getByRole("region", { name: "Email", exact: true })).toContainText(`${gh.email} not verified`);
  });

  test("an unverified primary equal to an account's email never reaches it; signing in to it connects GitHub", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("ghlink"));
    const gh = await newGitHubPerson({ email: person.email, verified: false });
    await continueWith(page, "GitHub", gh.login);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(
      page.getByText(`An account with the email address ${person.email} already exists here.`),
    ).toBeVisible();
    // Not signed in to that account.
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in/);
    expect(mailTo(person.email).filter((m) => /sign-in was connected/.test(m.subject))).toHaveLength(0);

    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account/);
    const notice = await waitForMail(person.email, /A GitHub sign-in was connected/);
    expect(notice.text).toContain("GitHub");

    await signOutWithMenu(page);
    await continueWith(page, "GitHub", gh.login);
    await expect(page).toHaveURL(/\/account/);
    expect(await accountMenuName(page)).toContain(person.username);
  });

  test("cancelling at GitHub ends on the sign-in page with a message, signed out", async ({ page }) => {
    const gh = await newGitHubPerson();
    await continueWith(page, "GitHub", gh.login, "Cancel");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(
      page.getByRole("alert").filter({ hasText: /Signing in with .* was cancelled or refused/ }),
    ).toBeVisible();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("Google", () => {
  test("a new person with a verified address signs up, verified, and comes back to the same account", async ({
    page,
  }) => {
    const g = await newGooglePerson({ verified: true });
    await continueWith(page, "Google", g.login);
    await expect(page).toHaveURL(/\/account/);
    await page.goto("/account");
    const address = page.getByRole("region", { name: "Email", exact: true });
    await expect(address).toContainText(`${g.email} verified`);
    const who = await accountMenuName(page);

    await signOutWithMenu(page);
    await continueWith(page, "Google", g.login);
    await expect(page).toHaveURL(/\/account/);
    expect(await accountMenuName(page)).toBe(who);
  });

  test("an address Google did not verify, equal to an account's, never reaches that account", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("glink"));
    const g = await newGooglePerson({ email: person.email, verified: false });
    await continueWith(page, "Google", g.login);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(
      page.getByText(`An account with the email address ${person.email} already exists here.`),
    ).toBeVisible();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("cancelling at Google ends on the sign-in page with a message", async ({ page }) => {
    const g = await newGooglePerson();
    await continueWith(page, "Google", g.login, "Cancel");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(
      page.getByRole("alert").filter({ hasText: /Signing in with .* was cancelled or refused/ }),
    ).toBeVisible();
  });
});
