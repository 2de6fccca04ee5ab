import { expect, test } from "./api-test";
import { expectProblem, newPerson, remember, signInWithForm, signUpApi, tokenFor } from "./helpers";

test.describe("JSON API", () => {
  test("GET /api/health answers ok", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  test("POST /api/users creates an account: 201, the DTO, Location", async ({ request }) => {
    const person = newPerson();
    const res = await request.post("/api/users", {
      data: { ...person, username: person.username.toUpperCase(), displayName: "Ada", bio: "<b>hi</b>" },
    });
    expect(res.status()).toBe(201);
    expect(res.headers()["location"]).toBe(`/api/users/${person.username.toUpperCase()}`);
    const text = await res.text();
    expect(text).not.toContain(person.password);
    expect(text).not.toMatch(/\$2[aby]\$/);
    const user = JSON.parse(text);
    expect(Object.keys(user).sort()).toEqual(
      [
        "avatarUrl",
        "bio",
        "createdAt",
        "displayName",
        "email",
        "emailVerified",
        "hasPassword",
        "id",
        "twoFactor",
        "username",
      ].sort(),
    );
    expect(user).toMatchObject({ email: person.email, emailVerified: false, displayName: "Ada", bio: "<b>hi</b>" });
  });

  test("POST /api/users answers 400 with per-field errors and creates nothing", async ({ request }) => {
    const person = newPerson();
    const res = await request.post("/api/users", {
      data: { username: "a", email: "nope", password: "short", bio: "w ".repeat(501), avatarUrl: "ftp://x" },
    });
    const body = await expectProblem(res, 400);
    expect(Object.keys(body.errors).sort()).toEqual(["avatarUrl", "bio", "email", "password", "username"]);
    const tooLong = await request.post("/api/users", { data: { ...person, password: "é".repeat(37) } });
    expect((await expectProblem(tooLong, 400)).errors.password[0]).toMatch(/72 bytes/);
    // Nothing was written: the same person can still register.
    await signUpApi(request, person);
  });

  test("POST /api/users answers 409 naming the taken field", async ({ request }) => {
    const { person } = await signUpApi(request);
    const sameName = await request.post("/api/users", {
      data: { ...newPerson(), username: person.username.toUpperCase() },
    });
    expect(Object.keys((await expectProblem(sameName, 409)).errors)).toEqual(["username"]);
    const sameEmail = await request.post("/api/users", {
      data: { ...newPerson(), email: ` ${person.email.toUpperCase()} ` },
    });
    expect(Object.keys((await expectProblem(sameEmail, 409)).errors)).toEqual(["email"]);
  });

  test("two concurrent sign-ups with one email give one 201 and one 409", async ({ request }) => {
    const email = newPerson().email;
    const [a, b] = await Promise.all([
      request.post("/api/users", { data: { ...newPerson(), email } }),
      request.post("/api/users", { data: { ...newPerson(), email } }),
    ]);
    expect([a.status(), b.status()].sort()).toEqual([201, 409]);
  });

  test("a body that is not JSON gets 400 or 415, and one over 64 KiB gets 413", async ({ request }) => {
    await expectProblem(
      await request.post("/api/users", { data: "{not json", headers: { "content-type": "application/json" } }),
      400,
    );
    await expectProblem(
      await request.post("/api/users", { data: "[]", headers: { "content-type": "application/json" } }),
      400,
    );
    await expectProblem(
      await request.post("/api/users", { data: "username=a", headers: { "content-type": "text/plain" } }),
      415,
    );
    await expectProblem(await request.post("/api/sessions", { form: { login: "a", password: "b" } }), 415);
    const big = { ...newPerson(), bio: "x".repeat(70 * 1024) };
    await expectProblem(await request.post("/api/users", { data: big }), 413);
  });

  test("POST /api/sessions signs in by username or email and returns a bearer token once", async ({ request }) => {
    const { person, user } = await signUpApi(request);
    for (const login of [person.username, person.email.toUpperCase()]) {
      const res = await request.post("/api/sessions", { data: { login, password: person.password } });
      expect(res.status()).toBe(201);
      const body = await res.json();
      remember(body.token);
      expect(body).toMatchObject({ tokenType: "Bearer", user });
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const days = (Date.parse(body.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
    }
  });

  test("POST /api/sessions: 400 for missing fields, 401 with one body for unknown and wrong", async ({ request }) => {
    await expectProblem(await request.post("/api/sessions", { data: { login: "" } }), 400);
    const { person } = await signUpApi(request);
    const wrong = await request.post("/api/sessions", { data: { login: person.username, password: "wrong-password" } });
    const unknown = await request.post("/api/sessions", {
      data: { login: `nobody-${person.username}`, password: "wrong-password" },
    });
    const wrongBody = await expectProblem(wrong, 401);
    const unknownBody = await expectProblem(unknown, 401);
    expect(wrongBody).toEqual(unknownBody);
  });

  test("GET /api/users/me: 200 with the token, 401 + WWW-Authenticate without a good one", async ({ request }) => {
    const { person, user } = await signUpApi(request);
    const token = await tokenFor(request, person.username, person.password);
    const me = await request.get("/api/users/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    expect(me.headers()["cache-control"]).toContain("no-store");
    expect(await me.json()).toEqual(user);

    for (const authorization of [
      undefined,
      "Bearer",
      "Basic dXNlcjpwYXNz",
      `Bearer ${token}x`,
      `Bearer ${"A".repeat(43)}`,
      `Token ${token}`,
    ]) {
      const res = await request.get("/api/users/me", { headers: authorization ? { authorization } : {} });
      await expectProblem(res, 401);
      expect(res.headers()["www-authenticate"]).toMatch(/^Bearer/);
    }
  });

  test("DELETE /api/sessions/current revokes the token at once; other tokens live on", async ({ request }) => {
    const { person } = await signUpApi(request);
    const token = await tokenFor(request, person.username, person.password);
    const other = await tokenFor(request, person.email, person.password);
    const auth = { authorization: `Bearer ${token}` };
    expect((await request.delete("/api/sessions/current", { headers: auth })).status()).toBe(204);
    const after = await request.get("/api/users/me", { headers: auth });
    await expectProblem(after, 401);
    expect(after.headers()["www-authenticate"]).toMatch(/^Bearer/);
    await expectProblem(await request.delete("/api/sessions/current", { headers: auth }), 401);
    await expectProblem(await request.delete("/api/sessions/current"), 401);
    expect((await request.get("/api/users/me", { headers: { authorization: `Bearer ${other}` } })).status()).toBe(200);
  });

  test("a session cookie alone never authorises an API call", async ({ page, request }) => {
    const { person } = await signUpApi(request);
    await page.goto("/sign-in");
    await signInWithForm(page, person.username, person.password);
    await expect(page).toHaveURL(/\/account$/);
    const res = await page.request.get("/api/users/me");
    expect(res.status()).toBe(401);
  });
});
