import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { remember, signInWithForm, signUpApi, tokenFor } from "./helpers";

/**
 * /account/security is an overview of summary rows; each part opens on a page of its own under it, reached
 * from its row, from the side rail (desktop) or from a select (phones).
 */
async function signedIn(page: Page, request: Parameters<typeof signUpApi>[0]) {
  const { person } = await signUpApi(request);
  await page.goto("/sign-in");
  await signInWithForm(page, person.username, person.password);
  await expect(page).toHaveURL(/\/account$/);
  return person;
}

/** A summary row of the overview, by its title (the rail's links are not in a region). */
const row = (page: Page, title: string) =>
  page
    .getByRole("region")
    .getByRole("listitem")
    .filter({ has: page.getByText(title, { exact: true }) });

test.describe("the security page", () => {
  test("the overview is summary rows, no form; a row opens its own page", async ({ page, request }) => {
    const person = await signedIn(page, request);
    await page.goto("/account/security");
    await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
    for (const section of ["Sign-in methods", "Devices and sessions", "Activity", "Danger zone"])
      await expect(page.getByRole("region", { name: section })).toBeVisible();
    // Nothing is open: not one password field, however long ago the person signed in.
    await expect(page.locator("main input:not([type=hidden])")).toHaveCount(0);

    const password = row(page, "Password");
    await expect(password).toContainText(/Set just now/);
    await expect(row(page, "Two-factor authentication")).toContainText("Off");
    await expect(
      row(page, "Two-factor authentication").getByRole("link", { name: "Set up", exact: true }),
    ).toBeVisible();
    await expect(row(page, "Passkeys")).toContainText("None yet");
    await expect(row(page, "Passkeys").getByRole("link", { name: "Add", exact: true })).toBeVisible();
    await expect(row(page, "Access to your account")).toContainText("Only this device");
    await expect(row(page, "Latest")).toContainText("Signed in");
    await expect(row(page, "Delete account").getByRole("link", { name: "Delete", exact: true })).toBeVisible();

    // "Change" opens the password page only; the change shows on the overview as "Changed just now".
    await password.getByRole("link", { name: "Change", exact: true }).click();
    await expect(page).toHaveURL(/\/account\/security\/password$/);
    await expect(page.getByRole("heading", { name: "Change password", level: 2 })).toBeVisible();
    await expect(page.locator("input[type=password]")).toHaveCount(3);
    const newPassword = remember(`changed-${person.password}`);
    await page.getByLabel("Current password").fill(person.password);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText(/Your password is changed\./).first()).toBeVisible();
    await page.getByRole("navigation", { name: "Security" }).getByRole("link", { name: "Overview" }).click();
    await expect(page).toHaveURL(/\/account\/security$/);
    await expect(row(page, "Password")).toContainText("Changed just now");
    await expect(row(page, "Latest")).toContainText("Password changed");

    // "Set up" opens the two-factor page, where the set-up starts.
    await row(page, "Two-factor authentication").getByRole("link", { name: "Set up" }).click();
    await expect(page).toHaveURL(/\/account\/security\/two-factor$/);
    await expect(
      page.getByRole("region", { name: "Two-factor authentication" }).getByRole("button", { name: "Set up" }),
    ).toBeVisible();
  });

  test("the side rail on a desktop, a select on a phone; the current page is marked", async ({ page, request }) => {
    await signedIn(page, request);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/account/security/sessions");
    const rail = page.getByRole("navigation", { name: "Security" });
    await expect(rail).toBeVisible();
    await expect(rail.getByRole("link", { name: "Access to your account" })).toHaveAttribute("aria-current", "page");
    await expect(
      page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Security" }),
    ).toHaveAttribute("aria-current", "page");
    await rail.getByRole("link", { name: "Activity" }).click();
    await expect(page).toHaveURL(/\/account\/security\/activity$/);
    await expect(page.getByRole("list", { name: "Security activity" })).toBeVisible();

    await page.setViewportSize({ width: 375, height: 800 });
    await expect(rail).toBeHidden();
    const select = page.getByLabel("Security section");
    await expect(select).toHaveValue("/account/security/activity");
    await select.selectOption({ label: "Danger zone" });
    await expect(page).toHaveURL(/\/account\/security\/delete$/);
    await expect(page.getByRole("heading", { name: "Delete account", level: 2 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("sessions on a phone: the device and “This device” on one line, when and where muted below, a compact “Sign out”", async ({
    page,
    request,
  }) => {
    const person = await signedIn(page, request);
    await tokenFor(request, person.username, person.password);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/account/security/sessions");
    const items = page.getByRole("list", { name: "Sessions" }).getByRole("listitem");
    await expect(items).toHaveCount(2);
    const current = items.filter({ hasText: "This device" });
    const other = items.filter({ hasNotText: "This device" });

    // "This device" sits on the device's line.
    const name = await current.locator("p").first().boundingBox();
    const badge = await current.getByText("This device").boundingBox();
    expect(badge!.y).toBeLessThan(name!.y + name!.height / 2);
    expect(
      await current
        .locator("p")
        .first()
        .evaluate((p) => p.getClientRects().length),
    ).toBe(1);
    const lineHeight = await current
      .locator("p")
      .nth(1)
      .evaluate((p) => parseFloat(getComputedStyle(p).lineHeight));
    // Two lines of text: the device, then when and where (a muted line with a <time>).
    for (const item of [current, other]) {
      const text = item.locator("p").nth(1);
      await expect(text).toBeVisible();
      expect(((await text.boundingBox())!.height / lineHeight) | 0).toBe(1);
      await expect(text).toContainText("127.0.0.1");
    }
    await expect(current.locator("p").nth(1)).toContainText("Active now");
    await expect(other.locator("p").nth(1).locator("time")).toHaveCount(1);
    await expect(other.locator("p").nth(1)).toHaveClass(/text-slate-500/);

    // A compact button beside the text, not a full-width one under it.
    const button = other.getByRole("button", { name: "Sign out" });
    const row = (await other.boundingBox())!;
    const box = (await button.boundingBox())!;
    expect(box.width).toBeLessThan(row.width / 3);
    expect(box.y).toBeLessThan(row.y + row.height / 2);
    expect(row.height).toBeLessThan(100);
    await expectAccessible(page, "sessions at 375 px");

    await button.click();
    await expect(items).toHaveCount(1);
  });

  test("two-factor set-up on a phone leads with “Open in authenticator app” and the key; the QR from sm up", async ({
    page,
    request,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signedIn(page, request);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/account/security/two-factor");
    const panel = page.getByRole("region", { name: "Two-factor authentication" });
    await panel.getByRole("button", { name: "Set up" }).click();
    const open = panel.getByRole("link", { name: "Open in authenticator app" });
    await expect(open).toBeVisible();
    const href = (await open.getAttribute("href"))!;
    expect(href).toMatch(/^otpauth:\/\/totp\//);
    const secret = remember(new URL(href).searchParams.get("secret")!);
    await expect(panel.getByRole("img", { name: /QR code/ })).toBeHidden();
    const key = panel.locator("code");
    await expect(key).toBeVisible();
    expect((await key.innerText()).replace(/\s/g, "")).toBe(secret);
    // The link comes first, above the key and the code field.
    expect((await open.boundingBox())!.y).toBeLessThan((await key.boundingBox())!.y);
    await panel.getByRole("button", { name: "Copy" }).click();
    await expect(panel.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expectAccessible(page, "two-factor set-up at 375 px");

    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(panel.getByRole("img", { name: /QR code/ })).toBeVisible();
    await expect(open).toBeHidden();
    await expect(key).toBeVisible();
    await expectAccessible(page, "two-factor set-up at 1280 px");
  });
});
