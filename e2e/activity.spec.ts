import { expect, test } from "./api-test";
import { expectProblem, remember, signInWithForm, signOutWithMenu, signUpApi, tokenFor } from "./helpers";

test.describe("security activity", () => {
  test("the activity list shows what just happened, and Load more pages on", async ({ page, request }) => {
    test.setTimeout(120_000);
    const { person } = await signUpApi(request);
    await request.post("/api/sessions", { data: { login: person.username, password: remember("not-the-password-1") } });
    // 22 more API sign-ins, so the list has more than one page of 20.
    for (let i = 0; i < 22; i++) await tokenFor(request, person.username, person.password);

    await page.goto("/account/security/activity");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)account(%2F|\/)security(%2F|\/)activity$/);
    await signInWithForm(page, person.email, person.password);
    await expect(page).toHaveURL(/\/account\/security\/activity$/);
    await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Activity", level: 2 })).toBeVisible();

    const list = page.getByRole("list", { name: "Security activity" });
    const rows = list.getByRole("listitem");
    await expect(rows).toHaveCount(20);
    await expect(rows.first()).toContainText("Signed in");
    await expect(rows.first()).toContainText("Chrome on Windows");
    await expect(rows.first()).toContainText("127.0.0.1");
    await expect(rows.first()).toContainText("just now");
    await expect(rows.nth(1)).toContainText("Signed in (API)");

    await page.getByRole("button", { name: "Load more" }).click();
    await expect(rows).toHaveCount(24); // 1 browser + 22 API sign-ins + 1 failure
    await expect(rows.last()).toContainText("Failed sign-in attempt (wrong password)");
    await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

    await signOutWithMenu(page);
    await expect(page).toHaveURL(/\/$/);
    const token = await tokenFor(request, person.username, person.password);
    const res = await request.get("/api/users/me/events?limit=2", { headers: { authorization: `Bearer ${token}` } });
    const { events } = await res.json();
    expect(events.map((e: { type: string }) => e.type)).toEqual(["sign_in.succeeded", "signed_out"]);
  });

  test("GET /api/users/me/events pages newest first and refuses bad input", async ({ request }) => {
    const { person } = await signUpApi(request);
    const token = await tokenFor(request, person.username, person.password);
    const auth = { authorization: `Bearer ${token}` };
    const second = await tokenFor(request, person.email, person.password);
    const del = await request.delete("/api/sessions/current", { headers: { authorization: `Bearer ${second}` } });
    expect(del.status()).toBe(204);

    const first = await request.get("/api/users/me/events?limit=2", { headers: auth });
    expect(first.status()).toBe(200);
    expect(first.headers()["cache-control"]).toContain("no-store");
    const page1 = await first.json();
    expect(page1.events).toHaveLength(2);
    expect(page1.events[0]).toMatchObject({ type: "signed_out", ip: "127.0.0.1", detail: { kind: "api" } });
    expect(page1.events[0]).toEqual({
      id: expect.any(String),
      type: "signed_out",
      ip: "127.0.0.1",
      userAgent: expect.any(String),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      detail: { kind: "api" },
    });
    expect(page1.events[1].type).toBe("sign_in.succeeded");
    expect(page1.nextCursor).toEqual(expect.any(String));

    const page2 = await (
      await request.get(`/api/users/me/events?limit=2&cursor=${page1.nextCursor}`, { headers: auth })
    ).json();
    expect(page2.events.map((e: { type: string }) => e.type)).toEqual(["sign_in.succeeded"]);
    expect(page2.nextCursor).toBeNull();
    expect(JSON.stringify([page1, page2])).not.toContain(token);

    const all = await (await request.get("/api/users/me/events", { headers: auth })).json();
    expect(all.events).toHaveLength(3);

    for (const q of ["cursor=abc", "cursor=-5", "limit=0", "limit=101", "limit=x"]) {
      const body = await expectProblem(await request.get(`/api/users/me/events?${q}`, { headers: auth }), 400);
      expect(Object.keys(body.errors ?? {})).toHaveLength(1);
    }
    await expectProblem(await request.get("/api/users/me/events"), 401);
  });
});
