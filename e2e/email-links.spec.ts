import { randomBytes } from "node:crypto";
import path from "node:path";
import { expectAccessible } from "./a11y";
import { expect, test, type Page } from "./api-test";
import {
  linkFrom,
  mailTo,
  newPerson,
  openAccountMenu,
  remember,
  RUN_DIR,
  signInWithForm,
  signUpApi,
  tokenFor,
  waitForMail,
} from "./helpers";
import { portFor, startAppServer } from "./servers";

// Email-link pages decide when they open (issue 27, item 11), the header's account menu and the account
// overview (item 12), and the 404 pages that say what was not found (item 14).

async function expectExpiredLink(page: Page) {
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await expect(page.locator('input[type="password"]')).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Send me a new link" })).toBeVisible();
}

async function signIn(page: Page, login: string, password: string) {
  await page.goto("/sign-in");
  await signInWithForm(page, login, password);
  await expect(page).toHaveURL(/\/account$/);
}

test.describe("email-link pages", () => {
  test("an expired reset link shows no password field and offers “Send me a new link”", async ({ page }) => {
    test.setTimeout(120_000);
    // A server of its own whose reset links live 6 seconds: the link expires the real way, by the clock.
    const server = await startAppServer(portFor(66), {
      PGLITE_DIR: path.join(RUN_DIR, `pglite-links-${randomBytes(4).toString("hex")}`),
      DATABASE_URL: "",
      SMTP_URL: `smtp://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 22}`,
      RESET_TOKEN_TTL_MINUTES: "0.1",
    });
    try {
      const person = newPerson("exp");
      const post = (p: string, data: unknown) =>
        fetch(server.url + p, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(data),
        });
      expect((await post("/api/users", person)).status).toBe(201);
      expect((await post("/api/password-resets", { email: person.email })).status).toBe(202);
      const { url } = linkFrom(await waitForMail(person.email, /Reset your Accounts password/));
      const asked = Date.now();
      await page.goto(url);
      await expect(page.getByLabel("New password", { exact: true })).toBeVisible(); // live: the form
      await page.waitForTimeout(Math.max(0, asked + 7_000 - Date.now()));
      await page.goto(url);
      await expectExpiredLink(page);
      await page.getByRole("link", { name: "Send me a new link" }).click();
      await expect(page).toHaveURL(/\/forgot-password$/);
    } finally {
      await server.stop();
    }
  });

  test("a used or missing reset link is recognised when the page opens", async ({ page, request }) => {
    const { person } = await signUpApi(request, newPerson("used"));
    await request.post("/api/password-resets", { data: { email: person.email } });
    const { url, token } = linkFrom(await waitForMail(person.email, /Reset/));
    // Opening the page (twice, as a mail scanner would) spends nothing: the form is there both times.
    await page.goto(url);
    await page.goto(url);
    await expect(page.getByLabel("New password", { exact: true })).toBeVisible();
    await expectAccessible(page, "/reset-password with a live link");
    const newPassword = remember(`used-${person.password}`);
    expect((await request.post("/api/password-resets/confirm", { data: { token, newPassword } })).status()).toBe(204);

    await page.goto(url);
    await expectExpiredLink(page);
    for (const missing of ["/reset-password", "/reset-password?token=not-a-real-token"]) {
      await page.goto(missing);
      await expectExpiredLink(page);
    }
  });

  test("forgot password gives way to “Check your inbox”, the same for an unknown address", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("inbox"));
    const texts: string[] = [];
    for (const email of [person.email, `nobody-${person.email}`]) {
      await page.goto("/forgot-password");
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByRole("button", { name: "Send me a link" }).click();
      await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
      await expect(page.getByLabel("Email", { exact: true })).toHaveCount(0);
      const card = page.locator("main");
      await expect(card).toContainText(email);
      await expect(card).toContainText("The link works for 60 minutes");
      await expect(page.getByRole("button", { name: /^Send it again in \d+ s$/ })).toBeDisabled();
      await expect(page.getByRole("link", { name: "Back to sign in" })).toBeVisible();
      texts.push((await card.innerText()).replace(email, "ADDRESS").replace(/\d+ s\b/, "N s"));
    }
    expect(texts[1]).toBe(texts[0]);
    await expectAccessible(page, "“Check your inbox”");
    await page.getByRole("button", { name: "Use another address" }).click();
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(`nobody-${person.email}`);
    await waitForMail(person.email, /Reset/);
  });

  test("the verification page names its address; a used one offers a new link", async ({ page, request }) => {
    const { person } = await signUpApi(request, newPerson("vfy"));
    const { url } = linkFrom(await waitForMail(person.email, /Confirm your email/));
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
    await expect(page.locator("main")).toContainText(`One click tells us that ${person.email} is yours.`);
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await expect(page.getByText(`Thank you: ${person.email} is confirmed.`)).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in" }).last()).toBeVisible();

    // Used: recognised on opening; signed out, the new link needs the account, so sign in first.
    await page.goto(url);
    await expectExpiredLink(page);
    await expect(page.getByRole("button", { name: "Confirm my email" })).toHaveCount(0);
    await page.getByRole("link", { name: "Send me a new link" }).click();
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fverify-email$/);
  });

  test("a dead unlock link is recognised when the page opens", async ({ page }) => {
    await page.goto("/unlock-sign-in?token=not-a-real-token");
    await expectExpiredLink(page);
    await expect(page.getByRole("button", { name: "Unlock sign-in" })).toHaveCount(0);
  });
});

test.describe("frame and overview", () => {
  test("the header keeps its height; the account menu works by keyboard and marks the current page", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("menu"));
    await page.goto("/sign-in");
    const header = page.locator("header").first();
    const signedOutHeight = (await header.boundingBox())!.height;
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toHaveAttribute("aria-current", "page");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    expect((await header.boundingBox())!.height).toBe(signedOutHeight);

    const button = page.getByRole("button", { name: `Account menu for @${person.username}` });
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await button.focus();
    await page.keyboard.press("Enter");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Account", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
    await expectAccessible(page, "the account menu, open");
    await page.keyboard.press("ArrowDown");
    await expect(nav.getByRole("link", { name: "Your profile" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(button).toBeFocused();
    await expect(nav.getByRole("link", { name: "Security" })).toBeHidden();

    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab"); // Your profile
    await page.keyboard.press("Tab"); // Account
    await page.keyboard.press("Tab"); // Security
    await expect(nav.getByRole("link", { name: "Security" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/account\/security$/);
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await openAccountMenu(page);
    await expect(nav.getByRole("link", { name: "Security" })).toHaveAttribute("aria-current", "page");
    await nav.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    expect((await header.boundingBox())!.height).toBe(signedOutHeight);
  });

  test("the account overview shows email, two-factor, passkeys, sessions and the last sign-in", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("dash"));
    await tokenFor(request, person.username, person.password); // an API session: a sign-in before the browser's
    await signIn(page, person.username, person.password);
    const email = page.getByRole("region", { name: "Email", exact: true });
    const security = page.getByRole("region", { name: "Sign-in and security" });
    await expect(email).toContainText(person.email);
    await expect(email.getByText("not verified", { exact: true })).toBeVisible();
    await expect(security.getByText("off", { exact: true })).toBeVisible(); // two-factor
    await expect(security.getByRole("link", { name: "Set up" })).toBeVisible();
    await expect(security.getByText("none", { exact: true })).toBeVisible(); // passkeys
    await expect(security.getByRole("link", { name: "Add" })).toBeVisible();
    await expect(security).toContainText("2 sessions, this one included");
    await expect(security).toContainText(/Last sign-in\s*just now/);

    // A pending email change: shown with “Resend link” and “Cancel change”.
    const next = `new-${person.email}`;
    await page.goto("/account/profile");
    await page.getByLabel("New email").fill(next);
    await page.getByLabel("Current password").fill(person.password);
    await page.getByRole("button", { name: "Change email" }).click();
    await expect(page.getByText(`We sent a link to ${next}.`, { exact: false })).toBeVisible();
    await waitForMail(next, /Confirm/);
    await page.goto("/account");
    await expect(email).toContainText(`Changing to ${next}`);
    await expectAccessible(page, "/account with a pending email change");
    await email.getByRole("button", { name: "Resend link" }).click();
    await expect(email.getByText(`We sent a new link to ${next}.`)).toBeVisible();
    await waitForMail(next, /Confirm/, 2);
    const [first, second] = mailTo(next).filter((m) => /Confirm/.test(m.subject));
    await email.getByRole("button", { name: "Cancel change" }).click();
    await expect(email.getByText("The email change is cancelled. Its link no longer works.")).toBeVisible();
    await page.reload();
    await expect(email).not.toContainText("Changing to");
    for (const mail of [first!, second!]) {
      await page.goto(linkFrom(mail).url);
      await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    }
  });

  test("your own profile: “Edit profile” and an invitation to the first post; 404s say what is missing", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request, newPerson("own"));
    const { person: other } = await signUpApi(request, newPerson("oth"));
    await signIn(page, person.username, person.password);
    await page.goto(`/u/${person.username}`);
    await expect(page.getByRole("link", { name: "Edit profile" })).toHaveAttribute("href", "/account/profile");
    await expect(page.getByText("You have not written anything yet.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Write your first post" })).toHaveAttribute("href", "/posts/new");
    await page.goto(`/u/${other.username}`);
    await expect(page.getByRole("link", { name: "Edit profile" })).toHaveCount(0);
    await expect(page.getByText(`@${other.username} has not posted anything yet.`)).toBeVisible();

    const missing = await page.goto("/u/no-such-person-here");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "No one here goes by @no-such-person-here" })).toBeVisible();
    const post = await page.goto(`/posts/${"A".repeat(22)}`);
    expect(post?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This post is not here" })).toBeVisible();
  });

  test("a post card opens its post wherever it is clicked", async ({ page, request }) => {
    const { person } = await signUpApi(request, newPerson("card"));
    const { token: link } = linkFrom(await waitForMail(person.email, /Confirm your email/));
    expect((await request.post("/api/email-verifications/confirm", { data: { token: link } })).status()).toBe(204);
    const token = await tokenFor(request, person.username, person.password);
    const res = await request.post("/api/posts", {
      headers: { authorization: `Bearer ${token}` },
      data: { title: `Card ${person.username}`, body: "The body of the card, clicked rather than the title." },
    });
    const { id } = await res.json();
    await page.goto(`/u/${person.username}`);
    // A click on the excerpt, not the title: the title's link covers the card (Playwright's click() would see
    // the covering link and refuse, which is the point), so click where a person would, by coordinates.
    const box = (await page.getByText("The body of the card, clicked rather than the title.").boundingBox())!;
    await page.mouse.click(box.x + 20, box.y + box.height / 2);
    await expect(page).toHaveURL(new RegExp(`/posts/${id}$`));
  });
});
