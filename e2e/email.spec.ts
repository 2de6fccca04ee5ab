import { expect, test, type Page } from "./api-test";
import {
  expectMailSettled,
  expectProblem,
  linkFrom,
  mailTo,
  newPerson,
  remember,
  signInWithForm,
  signUpApi,
  tokenFor,
  waitForMail,
} from "./helpers";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function signInPage(page: Page, login: string, password: string) {
  await page.goto("/sign-in");
  await signInWithForm(page, login, password);
}

test.describe("email over real SMTP", () => {
  test("sign up in the browser → the link → “Confirm my email” verifies the address", async ({ page, baseURL }) => {
    const person = newPerson("mail");
    await page.goto("/sign-up");
    await page.getByLabel("Username").fill(person.username);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByLabel("Confirm password").fill(person.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("region", { name: "Email not confirmed" })).toBeVisible();

    const mail = await waitForMail(person.email, /Confirm your email address/);
    expect(mail.text).toMatch(/If you did not create an account/);
    expect(mail.html).toContain("Confirm my email");
    const { url } = linkFrom(mail);
    expect(url.startsWith(`${baseURL}/verify-email?token=`)).toBe(true);

    // Opening the link (as a mail scanner would) spends nothing.
    const prefetch = await page.request.get(url);
    expect(prefetch.status()).toBe(200);
    expect(prefetch.headers()["referrer-policy"]).toBe("no-referrer");
    expect(prefetch.headers()["cache-control"]).toContain("no-store");
    await page.goto(url);
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await expect(page.getByText(`Thank you: ${person.email} is confirmed.`)).toBeVisible();
    await page.goto("/account");
    await expect(page.getByText("verified", { exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "Email not confirmed" })).toHaveCount(0);

    // The used link is recognised when the page opens; the address is confirmed, so the next step is a change.
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Confirm my email" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Change email address" })).toBeVisible();
  });

  test("the banner's “Resend link” mails a new link, at most once a minute", async ({ page, request }) => {
    const { person } = await signUpApi(request);
    await waitForMail(person.email, /Confirm your email/);
    await signInPage(page, person.username, person.password);
    const banner = page.getByRole("region", { name: "Email not confirmed" });
    await banner.getByRole("button", { name: "Resend link" }).click();
    await expect(banner.getByText(/a moment ago/)).toBeVisible();
    // The link and the new-device notice of this browser's sign-in; no second link.
    await expectMailSettled(person.email, 2);
    expect(mailTo(person.email).filter((m) => /Confirm your email/.test(m.subject))).toHaveLength(1);
  });

  test("forgot password → reset → sign in with the new password; old sessions are gone; a notice is mailed", async ({
    page,
    browser,
    request,
  }) => {
    const { person } = await signUpApi(request);
    const apiToken = await tokenFor(request, person.username, person.password);
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signInPage(otherPage, person.username, person.password);
    await expect(otherPage).toHaveURL(/\/account$/);

    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.getByLabel("Email", { exact: true }).fill(person.email.toUpperCase());
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

    const { url } = linkFrom(await waitForMail(person.email, /Reset your Accounts password/));
    const head = await page.request.get(url);
    expect(head.headers()["referrer-policy"]).toBe("no-referrer");
    await page.goto(url);
    const newPassword = remember(`reset-${person.password}`);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL(/\/sign-in\?reset=1$/);
    await expect(page.getByText("Your password is changed")).toBeVisible();

    await signInPage(page, person.username, newPassword);
    await expect(page).toHaveURL(/\/account$/);
    await expectProblem(await request.get("/api/users/me", { headers: bearer(apiToken) }), 401);
    await otherPage.goto("/account");
    await expect(otherPage).toHaveURL(/\/sign-in/);
    await waitForMail(person.email, /password was changed/);

    // The link works once: opened again, it shows no password field.
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
    await other.close();
  });

  test("the reset request looks the same for an unknown address", async ({ request }) => {
    const { person } = await signUpApi(request);
    const known = await request.post("/api/password-resets", { data: { email: person.email } });
    const unknown = await request.post("/api/password-resets", { data: { email: `nobody-${person.email}` } });
    expect(known.status()).toBe(202);
    expect(unknown.status()).toBe(202);
    expect(await unknown.json()).toEqual(await known.json());
    const list = await request.post("/api/password-resets", { data: { email: `${person.email},evil@example.net` } });
    expect(list.status()).toBe(202);
    await waitForMail(person.email, /Reset/);
    await Promise.all([expectMailSettled(`nobody-${person.email}`, 0), expectMailSettled("evil@example.net", 0)]);
  });

  test("API: reset confirm 204 once then 400; malformed and unknown tokens get the same 400", async ({ request }) => {
    const { person } = await signUpApi(request);
    await request.post("/api/password-resets", { data: { email: person.email } });
    const { token } = linkFrom(await waitForMail(person.email, /Reset/));
    const newPassword = remember(`api-reset-${person.password}`);
    await expectProblem(
      await request.post("/api/password-resets/confirm", { data: { token, newPassword: "short" } }),
      400,
    );
    expect((await request.post("/api/password-resets/confirm", { data: { token, newPassword } })).status()).toBe(204);
    const again = await expectProblem(
      await request.post("/api/password-resets/confirm", { data: { token, newPassword } }),
      400,
    );
    const malformed = await expectProblem(
      await request.post("/api/password-resets/confirm", { data: { token: "nope", newPassword } }),
      400,
    );
    const unknown = await expectProblem(
      await request.post("/api/password-resets/confirm", { data: { token: "A".repeat(43), newPassword } }),
      400,
    );
    expect(malformed).toEqual(again);
    expect(unknown).toEqual(again);
    await tokenFor(request, person.email, newPassword);
  });

  test("API: two concurrent confirms of one token give one success", async ({ request }) => {
    const { person } = await signUpApi(request);
    const { token } = linkFrom(await waitForMail(person.email, /Confirm your email/));
    const results = await Promise.all(
      [1, 2, 3].map(() => request.post("/api/email-verifications/confirm", { data: { token } })),
    );
    expect(results.map((r) => r.status()).sort()).toEqual([204, 400, 400]);
  });

  test("API: resend verification 202 then 429; links come from APP_URL whatever the Host header says", async ({
    request,
    baseURL,
  }) => {
    const { person } = await signUpApi(request);
    const token = await tokenFor(request, person.username, person.password);
    await waitForMail(person.email, /Confirm your email/);
    await expectProblem(await request.post("/api/email-verifications"), 401);
    const limited = await request.post("/api/email-verifications", { headers: bearer(token) });
    await expectProblem(limited, 429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);

    const forged = await request.post("/api/password-resets", {
      data: { email: person.email },
      headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    });
    expect(forged.status()).toBe(202);
    const { url } = linkFrom(await waitForMail(person.email, /Reset/));
    expect(new URL(url).host).toBe(new URL(baseURL!).host);
  });

  test("API: change email needs the password, refuses a taken address, and applies only when confirmed", async ({
    request,
  }) => {
    const { person, user } = await signUpApi(request);
    const { person: other } = await signUpApi(request);
    const token = await tokenFor(request, person.username, person.password);
    const next = `new-${person.email}`;
    await expectProblem(await request.patch("/api/users/me", { headers: bearer(token), data: { email: next } }), 403);
    await expectProblem(
      await request.patch("/api/users/me", {
        headers: bearer(token),
        data: { email: next, currentPassword: "wrong-wrong" },
      }),
      403,
    );
    const taken = await request.patch("/api/users/me", {
      headers: bearer(token),
      data: { email: other.email, currentPassword: person.password },
    });
    expect(Object.keys((await expectProblem(taken, 409)).errors)).toEqual(["email"]);

    const res = await request.patch("/api/users/me", {
      headers: bearer(token),
      data: { email: next, currentPassword: person.password },
    });
    expect(res.status()).toBe(200);
    expect((await res.json()).email).toBe(user.email);
    const notice = await waitForMail(person.email, /being changed/);
    expect(notice.text).toContain(next);
    const { token: confirm } = linkFrom(await waitForMail(next, /Confirm your new email/));
    const elsewhere = await tokenFor(request, person.username, person.password);
    // Confirmed with this token: it survives the change; every other session of the account ends.
    expect(
      (
        await request.post("/api/email-verifications/confirm", { headers: bearer(token), data: { token: confirm } })
      ).status(),
    ).toBe(204);
    const me = await (await request.get("/api/users/me", { headers: bearer(token) })).json();
    expect(me).toMatchObject({ email: next, emailVerified: true });
    expect((await request.get("/api/users/me", { headers: bearer(elsewhere) })).status()).toBe(401);
    const gone = await waitForMail(person.email, /email address was changed/);
    expect(gone.text).toContain(next);
  });

  test("API: a new email with an invalid profile field is a 400 that mails nothing and changes nothing", async ({
    request,
  }) => {
    const { person, user } = await signUpApi(request);
    const token = await tokenFor(request, person.username, person.password);
    await waitForMail(person.email, /Confirm your email/);
    const next = `new-${person.email}`;
    const res = await request.patch("/api/users/me", {
      headers: bearer(token),
      data: { email: next, currentPassword: person.password, displayName: "x".repeat(51) },
    });
    expect(Object.keys((await expectProblem(res, 400)).errors)).toEqual(["displayName"]);
    // The confirmation link and the new-device notice of the token's sign-in (issue 30); nothing else.
    await Promise.all([expectMailSettled(next, 0), expectMailSettled(person.email, 2)]);
    const me = await (await request.get("/api/users/me", { headers: bearer(token) })).json();
    expect(me).toMatchObject({ email: user.email, displayName: null });
  });

  test("the browser's change-email form: wrong password, then a link to the new address and a notice to the old", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request);
    const { person: other } = await signUpApi(request);
    await signInPage(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/account/profile");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Change email" }) });
    const next = `new-${person.email}`;

    await form.getByLabel("New email").fill(next);
    await form.getByLabel("Current password").fill("not my password");
    await form.getByRole("button", { name: "Change email" }).click();
    await expect(form.getByText("Incorrect password.").first()).toBeVisible();
    // Both kept, as every form keeps what was typed (issue 27 item 1); the password in the browser only.
    await expect(form.getByLabel("New email")).toHaveValue(next);
    await expect(form.getByLabel("Current password")).toHaveValue("not my password");

    await form.getByLabel("New email").fill(other.email);
    await form.getByLabel("Current password").fill(person.password);
    await form.getByRole("button", { name: "Change email" }).click();
    await expect(form.getByText("An account with this email already exists.").first()).toBeVisible();

    await form.getByLabel("New email").fill(next);
    await form.getByLabel("Current password").fill(person.password);
    await form.getByRole("button", { name: "Change email" }).click();
    await expect(form.getByRole("status")).toContainText(`We sent a link to ${next}.`);
    await expect(form.getByRole("status")).toContainText(`until then it stays ${person.email}`);
    expect((await waitForMail(person.email, /being changed/)).text).toContain(next);
    const { url } = linkFrom(await waitForMail(next, /Confirm your new email/));

    await page.goto(url);
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await expect(page.getByText(`Your email address is now ${next}.`)).toBeVisible();
    await page.goto("/account/profile");
    await expect(page.getByText(`Current address: ${next}`)).toBeVisible();
  });
});
