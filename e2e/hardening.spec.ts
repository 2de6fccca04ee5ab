import { expect, test } from "@playwright/test";
import {
  expectProblem,
  linkFrom,
  newPerson,
  remember,
  signInWithForm,
  signUpApi,
  tokenFor,
  waitForMail,
} from "./helpers";

// Issue 12 over HTTP and in the browser: the password oracle, the mail cannon, NUL bytes, a
// pending email change that outlives a password change.
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

test.describe("a stolen session is not a password oracle", () => {
  test("wrong current passwords: 5 × 403, then 429 with Retry-After on all three routes; each is in the activity list", async ({
    request,
  }) => {
    const { person } = await signUpApi(request);
    const token = await tokenFor(request, person.username, person.password);
    const tries = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        request.put("/api/users/me/password", {
          headers: auth(token),
          data: { currentPassword: `wrong guess ${i}`, newPassword: "a brand new passphrase" },
        }),
      ),
    );
    const statuses = tries.map((r) => r.status()).sort();
    expect(statuses.filter((s) => s === 403)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    // Even the right password now waits, on every route that asks for it.
    const again = await request.put("/api/users/me/password", {
      headers: auth(token),
      data: { currentPassword: person.password, newPassword: "a brand new passphrase" },
    });
    await expectProblem(again, 429);
    expect(Number(again.headers()["retry-after"])).toBeGreaterThan(0);
    await expectProblem(
      await request.patch("/api/users/me", {
        headers: auth(token),
        data: { email: `x-${person.email}`, currentPassword: person.password },
      }),
      429,
    );
    await expectProblem(
      await request.delete("/api/users/me", { headers: auth(token), data: { password: person.password } }),
      429,
    );
    const events = await (await request.get("/api/users/me/events?limit=100", { headers: auth(token) })).json();
    // One row counting the tries (failed tries are summarised per account and 15-minute window).
    const failed = events.events.filter((e: { type: string }) => e.type === "reauth.failed");
    expect(failed).toHaveLength(1);
    expect(failed[0].detail).toMatchObject({ purpose: "password_change", tries: 5 });
  });

  test("the browser form says “Too many attempts…” after 5 wrong current passwords, and the activity list shows them", async ({
    page,
    request,
  }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    const attempt = async (current: string) => {
      // A fresh page each time: the previous answer's message is not mistaken for this one's.
      await page.goto("/account/security/password");
      await page.getByLabel("Current password").fill(current);
      await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
      await page.getByLabel("Confirm new password").fill("a brand new passphrase");
      await page.getByRole("button", { name: "Change password" }).click();
    };
    for (let i = 0; i < 5; i++) {
      await attempt(`wrong guess ${i}`);
      await expect(page.getByText("Incorrect password.").first()).toBeVisible();
    }
    await attempt(person.password);
    await expect(page.getByText(/Too many attempts\. Try again in \d+ minutes?\./).first()).toBeVisible();
    await page.goto("/account/security/activity");
    await expect(page.getByText(/Wrong current password entered .*— 5 times within 15 minutes/).first()).toBeVisible();
  });
});

test("email change: 3 an hour per account, then 429 with Retry-After", async ({ request }) => {
  const { person } = await signUpApi(request);
  const token = await tokenFor(request, person.username, person.password);
  for (let i = 0; i < 3; i++) {
    const res = await request.patch("/api/users/me", {
      headers: auth(token),
      data: { email: `c${i}-${person.email}`, currentPassword: person.password },
    });
    expect(res.status()).toBe(200);
  }
  const refused = await request.patch("/api/users/me", {
    headers: auth(token),
    data: { email: `c3-${person.email}`, currentPassword: person.password },
  });
  await expectProblem(refused, 429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(60);
});

test.describe("control characters", () => {
  test("POST /api/users with a NUL in the bio is a 400 naming the field, not a 500", async ({ request }) => {
    const person = newPerson();
    const res = await request.post("/api/users", { data: { ...person, bio: "a\u0000b" } });
    const body = await expectProblem(res, 400);
    expect(body.errors.bio).toEqual([expect.stringMatching(/control characters/)]);
    const named = await request.post("/api/users", { data: { ...newPerson(), displayName: "\u202eevil" } });
    expect((await expectProblem(named, 400)).errors.displayName).toEqual([expect.stringMatching(/text-direction/)]);
  });

  test("the profile form shows a field message for a bidi override in the display name", async ({ page, request }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto("/account/profile");
    await page.getByLabel("Display name").fill("Ada \u202eecalevol");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Remove the text-direction control characters.").first()).toBeVisible();
  });
});

test("a pending email-change link dies when the password is changed: 400, like a used link", async ({ request }) => {
  const { person } = await signUpApi(request);
  const token = await tokenFor(request, person.username, person.password);
  const attacker = `attacker-${person.email}`;
  expect(
    (
      await request.patch("/api/users/me", {
        headers: auth(token),
        data: { email: attacker, currentPassword: person.password },
      })
    ).status(),
  ).toBe(200);
  const link = linkFrom(await waitForMail(attacker, /Confirm your new email/));
  remember(link.token);
  const newPassword = remember("the owner's new passphrase!");
  expect(
    (
      await request.put("/api/users/me/password", {
        headers: auth(token),
        data: { currentPassword: person.password, newPassword },
      })
    ).status(),
  ).toBe(204);
  const dead = await request.post("/api/email-verifications/confirm", { data: { token: link.token } });
  const body = await expectProblem(dead, 400);
  const used = await request.post("/api/email-verifications/confirm", { data: { token: "x".repeat(43) } });
  expect(body).toEqual(await used.json());
  expect((await (await request.get("/api/users/me", { headers: auth(token) })).json()).email).toBe(person.email);
});
