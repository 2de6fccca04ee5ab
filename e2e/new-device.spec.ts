import { mkdirSync } from "node:fs";
import { AUDIT_WIDTHS, expectAccessible } from "./a11y";
import { expect, test } from "./api-test";
import { bearer } from "./api-client";
import {
  expectMailSettled,
  linkFrom,
  mailTo,
  newPerson,
  signInWithForm,
  signOutWithMenu,
  signUpApi,
  tokenFor,
  waitForMail,
} from "./helpers";

// Issue 30: a browser without this account's device cookie mails the owner, once in a few minutes; the
// notice's link opens a page whose button (never the GET) signs out everywhere and mails a reset link.
const NOTICE = /^New sign-in to your Accounts account$/;
const notices = (email: string) => mailTo(email).filter((m) => NOTICE.test(m.subject));

test.describe("new-device notices", () => {
  test("a new browser mails once; signing in again in the same browser mails nothing", async ({ page, request }) => {
    const { person } = await signUpApi(request, newPerson("nd"));
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    const mail = await waitForMail(person.email, NOTICE);
    expect(mail.text).toMatch(/Device: \S.* on \S.*\. Address: \S+\. Time: \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
    expect(mail.text).toContain("Wasn't you? — secure your account: ");
    await signOutWithMenu(page);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await expectMailSettled(person.email, mailTo(person.email).length);
    expect(notices(person.email)).toHaveLength(1);
  });

  test("the browser that signed up is not a new device", async ({ page }) => {
    const person = newPerson("nd");
    await page.goto("/sign-up");
    await page.getByLabel("Username").fill(person.username);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByLabel("Confirm password").fill(person.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await waitForMail(person.email, /Confirm your email/);
    await signOutWithMenu(page);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await expectMailSettled(person.email, 1); // the confirmation link only
  });

  test("the notice's link: opening it changes nothing; its button signs out everywhere and mails a reset link", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("nd"));
    const token = await tokenFor(request, person.username, person.password); // a program's sign-in counts too
    const { url } = linkFrom(await waitForMail(person.email, NOTICE));
    expect(url).toMatch(/\/secure-account\?token=/);

    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Secure your account" })).toBeVisible();
    expect((await request.get("/api/users/me", { headers: bearer(token) })).status()).toBe(200);
    await expectAccessible(page, "/secure-account");
    mkdirSync("/tmp/shots-f", { recursive: true });
    for (const width of AUDIT_WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `/tmp/shots-f/secure-account-${width}.png`, fullPage: true });
    }

    await page.getByRole("button", { name: "Sign out everywhere and reset" }).click();
    await expect(page.getByText("You are signed out everywhere.")).toBeVisible();
    await page.screenshot({ path: "/tmp/shots-f/secure-account-done-375.png", fullPage: true });
    expect((await request.get("/api/users/me", { headers: bearer(token) })).status()).toBe(401);
    await waitForMail(person.email, /Reset your/);

    await page.goto("/secure-account?token=not-a-real-token");
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  });
});
