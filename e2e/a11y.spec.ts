import { expect, test, type Page } from "@playwright/test";
import { AUDIT_SCHEMES, AUDIT_WIDTHS, expectAccessible, switchColorScheme } from "./a11y";
import { generateSync } from "otplib";
import { adminCli, adminServer } from "./admin-server";
import { linkFrom, newPerson, remember, signInWithForm, signUpApi, tokenFor, waitForMail } from "./helpers";
import { portFor } from "./servers";

/**
 * Every page, audited by axe-core at both widths, in the light and the dark colour scheme. A new page is one
 * more line here (or a call of expectAccessible in its own spec). `{username}` is the signed-in person (or,
 * signed out, someone's public profile).
 */
const SIGNED_OUT_PAGES = [
  "/",
  "/sign-in",
  "/sign-up",
  "/forgot-password",
  "/reset-password?token=not-a-real-token",
  "/reset-password",
  "/verify-email?token=not-a-real-token",
  "/unlock-sign-in?token=not-a-real-token",
  "/secure-account?token=not-a-real-token",
  "/sign-in?expired=1",
  "/sign-in?error=identity_signup_closed&provider=oidc",
  "/sign-in/email",
  "/sign-in/email/link?token=not-a-real-token",
  "/invitations/accept?token=not-a-real-token",
  "/u/{username}",
  "/u/{username}/followers",
  "/u/{username}/following",
  "/no-such-page",
  "/u/no-such-person-here",
  "/posts/AAAAAAAAAAAAAAAAAAAAAA",
];
/** The console's pages, on a server of its own (an administrator is made by the CLI beside it). */
const ADMIN_PAGES = [
  "/admin",
  "/admin?query=zzz-nobody",
  "/admin/users/{id}",
  "/admin/users/{other}",
  "/admin/events",
  "/admin/events?type=sign_in.succeeded&username=nobody",
  "/admin/webhooks",
  "/admin/webhooks/new",
  "/admin/webhooks/{webhook}",
];
const SIGNED_IN_PAGES = [
  "/",
  "/account",
  "/account/profile",
  "/account/security",
  "/account/security/password",
  "/account/security/two-factor",
  "/account/security/passkeys",
  "/account/security/connected",
  "/account/security/sessions",
  "/account/security/api-keys",
  "/account/security/activity",
  "/account/security/delete",
  "/account/organizations",
  "/account/organizations/new",
  "/verify-email?token=not-a-real-token",
  "/u/{username}",
  "/u/{username}/followers",
  "/u/{username}/following",
  "/feed",
  "/posts/new",
];
/** The mini blog's pages, signed in as a confirmed author of `{post}`, and signed out. */
const AUTHOR_PAGES = ["/", "/posts/new", "/posts/{post}", "/posts/{post}/edit", "/u/{username}", "/account"];
const SIGNED_OUT_POST_PAGES = ["/", "/posts/{post}", "/u/{username}"];

/**
 * Each page is loaded once per width and audited in both colour schemes: dark mode is CSS alone (app/globals.css
 * remaps the colour variables under prefers-color-scheme; no script or server render reads the scheme), so a
 * page switched in place is the page a dark-mode visitor loads (its colour transitions landed on their end
 * values). Loading it again for the second scheme cost a server render and a hydration per page.
 */
async function audit(
  page: Page,
  paths: string[],
  username: string,
  post = "",
  widths: readonly number[] = AUDIT_WIDTHS,
) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    for (const p of paths) {
      const url = p.replace("{username}", username).replace("{post}", post);
      await page.emulateMedia({ colorScheme: AUDIT_SCHEMES[0] });
      await page.goto(url);
      for (const colorScheme of AUDIT_SCHEMES) {
        const where = `${url} at ${width} px, ${colorScheme}`;
        await switchColorScheme(page, colorScheme);
        await expectAccessible(page, where, { soft: true }); // every page's findings in one run
        // Usable at this width: nothing makes the page scroll sideways.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect.soft(overflow, `${where} is wider than the window`).toBeLessThanOrEqual(0);
      }
    }
  }
}

test.describe("accessibility (axe-core, WCAG 2.1 A/AA + best practices)", () => {
  // Each test audits many pages, each at two widths in both colour schemes: 30–45 s on an idle 2-core machine,
  // more when it is busy. The audits are what is tested, not their speed.
  test.beforeEach(() => test.setTimeout(180_000));
  // The two longest lists are a test per width: half as long each (under the timeout on a busy machine), and
  // two workers can take them at once.
  for (const width of AUDIT_WIDTHS) {
    test(`every signed-out page, at ${width} px`, async ({ page, request }) => {
      const { person } = await signUpApi(request);
      await audit(page, SIGNED_OUT_PAGES, person.username, "", [width]);
    });

    test(`every signed-in page, at ${width} px (with the unconfirmed-email banner)`, async ({ page, request }) => {
      const person = newPerson("a11y");
      person.username = person.username.padEnd(30, "x"); // the longest name a header has to fit at 375 px
      await signUpApi(request, person);
      await page.goto("/sign-in");
      await signInWithForm(page, person.username, person.password);
      await expect(page).toHaveURL(/\/account$/);
      await audit(page, SIGNED_IN_PAGES, person.username, "", [width]);
    });
  }

  test("the admin console's pages, at 1280 and 375 px", async ({ page }) => {
    test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (a PostgreSQL server)");
    test.setTimeout(180_000);
    const ctx = await adminServer(portFor(57));
    try {
      const person = newPerson("a11yadm");
      const res = await fetch(`${ctx.server.url}/api/users`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(person),
      });
      const { id } = (await res.json()) as { id: string };
      const other = (await (
        await fetch(`${ctx.server.url}/api/users`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(newPerson("a11yoth")),
        })
      ).json()) as { id: string };
      expect((await adminCli("grant", person.username, { DATABASE_URL: ctx.dbUrl })).status).toBe(0);
      await page.goto(`${ctx.server.url}/sign-in`);
      await signInWithForm(page, person.username, person.password);
      await expect(page).toHaveURL(/\/account$/);
      const session = await fetch(`${ctx.server.url}/api/sessions`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ login: person.username, password: person.password }),
      });
      const token = remember(((await session.json()) as { token: string }).token);
      const hook = await fetch(`${ctx.server.url}/api/admin/webhooks`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          url: "https://93.184.215.14/hooks/accounts",
          events: ["user.created"],
          description: "CRM",
        }),
      });
      expect(hook.status).toBe(201);
      const created = (await hook.json()) as { webhook: { id: string }; secret: string };
      remember(created.secret); // the log audit looks for it: a secret is never logged
      const webhook = created.webhook.id;
      await audit(
        page,
        ADMIN_PAGES.map(
          (p) => ctx.server.url + p.replace("{id}", id).replace("{other}", other.id).replace("{webhook}", webhook),
        ),
        person.username,
      );
    } finally {
      await ctx.close();
    }
  });

  test("the mini blog's pages, as their author and signed out, at 1280 and 375 px", async ({ page, request }) => {
    const { person } = await signUpApi(request, newPerson("a11yposts"));
    const { token: link } = linkFrom(await waitForMail(person.email, /Confirm your email/));
    expect((await request.post("/api/email-verifications/confirm", { data: { token: link } })).status()).toBe(204);
    const token = await tokenFor(request, person.username, person.password);
    const created = await request.post("/api/posts", {
      headers: { authorization: `Bearer ${token}` },
      data: {
        title: "A title long enough to wrap on a phone, with some more words in it",
        body: "Line one.\nLine two.\n\n" + "A longer paragraph of words. ".repeat(20),
      },
    });
    expect(created.status()).toBe(201);
    const post = (await created.json()).id as string;
    await audit(page, SIGNED_OUT_POST_PAGES, person.username, post);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await audit(page, AUTHOR_PAGES, person.username, post);
  });

  test("the two-factor sign-in step, at 1280 and 375 px (the set-up panel is audited in e2e/two-factor.spec.ts)", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request);
    const token = (
      await (
        await request.post("/api/sessions", { data: { login: person.username, password: person.password } })
      ).json()
    ).token;
    remember(token);
    const headers = { Authorization: `Bearer ${token}` };
    const { secret } = await (await request.post("/api/users/me/totp", { headers })).json();
    remember(secret);
    const code = generateSync({ secret });
    const confirmed = await request.post("/api/users/me/totp/confirm", { headers, data: { code } });
    expect(confirmed.status(), await confirmed.text()).toBe(200);
    (await confirmed.json()).recoveryCodes.forEach(remember);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/sign-in\/two-factor/);
    await audit(page, ["/sign-in/two-factor"], person.username);
  });

  test("forms showing their errors", async ({ page }) => {
    // Both schemes on each form as it shows its errors (the scheme switched in place, as in audit() above).
    const bothSchemes = async (label: string) => {
      for (const colorScheme of AUDIT_SCHEMES) {
        await switchColorScheme(page, colorScheme);
        await expectAccessible(page, `${label}, ${colorScheme}`);
      }
    };
    for (const width of AUDIT_WIDTHS) {
      await page.emulateMedia({ colorScheme: AUDIT_SCHEMES[0] });
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/sign-up");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.locator("[aria-invalid=true]").first()).toBeVisible();
      await bothSchemes(`/sign-up with errors at ${width} px`);
      await page.emulateMedia({ colorScheme: AUDIT_SCHEMES[0] });
      await page.goto("/sign-in");
      await signInWithForm(page, "nobody-here", "wrong password!");
      await expect(page.getByRole("status").first()).toHaveText("Incorrect username, email or password.");
      await bothSchemes(`/sign-in with errors at ${width} px`);
    }
  });
});
