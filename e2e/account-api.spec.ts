import { expect, test, type APIRequestContext } from "./api-test";
import { expectProblem, newPerson, remember, signUpApi, tokenFor } from "./helpers";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function account(request: APIRequestContext) {
  const { person, user } = await signUpApi(request);
  const token = await tokenFor(request, person.username, person.password);
  return { person, user, token };
}

test.describe("account management API", () => {
  test("PATCH /api/users/me edits the profile; 400 for a 501-word bio; 409 for a taken username", async ({
    request,
  }) => {
    const a = await account(request);
    const b = await account(request);
    const res = await request.patch("/api/users/me", {
      headers: bearer(a.token),
      data: { displayName: "Ada L.", bio: "word ".repeat(500), avatarUrl: "https://example.com/a.png" },
    });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({
      id: a.user.id,
      displayName: "Ada L.",
      avatarUrl: "https://example.com/a.png",
    });

    const long = await request.patch("/api/users/me", { headers: bearer(a.token), data: { bio: "word ".repeat(501) } });
    expect((await expectProblem(long, 400)).errors.bio[0]).toMatch(/500 words/);
    const taken = await request.patch("/api/users/me", {
      headers: bearer(a.token),
      data: { username: b.person.username.toUpperCase() },
    });
    expect(Object.keys((await expectProblem(taken, 409)).errors)).toEqual(["username"]);
    await expectProblem(await request.patch("/api/users/me", { data: { displayName: "x" } }), 401);
  });

  test("PATCH /api/users/me ignores role, emailVerified and id", async ({ request }) => {
    const a = await account(request);
    const res = await request.patch("/api/users/me", {
      headers: bearer(a.token),
      data: { role: "admin", emailVerified: true, id: "00000000-0000-0000-0000-000000000000", displayName: "Mallory" },
    });
    expect(res.status()).toBe(200);
    const me = await (await request.get("/api/users/me", { headers: bearer(a.token) })).json();
    expect(me).toMatchObject({ id: a.user.id, emailVerified: false, displayName: "Mallory" });
    expect(me).not.toHaveProperty("role");
  });

  test("PUT /api/users/me/password: 403 for a wrong current password; 204 revokes every other session", async ({
    request,
  }) => {
    const a = await account(request);
    const other = await tokenFor(request, a.person.email, a.person.password);
    const wrong = await request.put("/api/users/me/password", {
      headers: bearer(a.token),
      data: { currentPassword: "not-the-password", newPassword: "brand-new-password-1" },
    });
    await expectProblem(wrong, 403);
    await expectProblem(
      await request.put("/api/users/me/password", {
        headers: bearer(a.token),
        data: { currentPassword: a.person.password, newPassword: "short" },
      }),
      400,
    );
    expect((await request.get("/api/users/me", { headers: bearer(other) })).status()).toBe(200);

    const newPassword = remember(`new-${a.person.password}`);
    const ok = await request.put("/api/users/me/password", {
      headers: bearer(a.token),
      data: { currentPassword: a.person.password, newPassword },
    });
    expect(ok.status()).toBe(204);
    expect((await request.get("/api/users/me", { headers: bearer(a.token) })).status()).toBe(200);
    await expectProblem(await request.get("/api/users/me", { headers: bearer(other) }), 401);
    await expectProblem(
      await request.post("/api/sessions", { data: { login: a.person.username, password: a.person.password } }),
      401,
    );
    await tokenFor(request, a.person.username, newPassword);
  });

  test("GET /api/sessions lists the caller's sessions; DELETE one, DELETE all others", async ({ request }) => {
    const a = await account(request);
    const second = await tokenFor(request, a.person.username, a.person.password);
    const third = await tokenFor(request, a.person.username, a.person.password);
    const res = await request.get("/api/sessions", { headers: { ...bearer(a.token), "user-agent": "curl/8.5.0" } });
    expect(res.status()).toBe(200);
    const { sessions } = await res.json();
    expect(sessions).toHaveLength(3);
    for (const s of sessions) {
      expect(Object.keys(s).sort()).toEqual([
        "createdAt",
        "current",
        "device",
        "expiresAt",
        "id",
        "idleExpiresAt",
        "ip",
        "kind",
        "lastSeenAt",
      ]);
      expect(s.kind).toBe("api");
    }
    expect(sessions[0].ip).toBe("127.0.0.1");

    // Newest first: the third token's session, the second's, then the caller's own.
    expect(sessions.map((s: { current: boolean }) => s.current)).toEqual([false, false, true]);
    const thirdId = sessions[0].id;
    expect((await request.delete(`/api/sessions/${thirdId}`, { headers: bearer(a.token) })).status()).toBe(204);
    await expectProblem(await request.delete(`/api/sessions/${thirdId}`, { headers: bearer(a.token) }), 404);
    await expectProblem(await request.delete(`/api/sessions/not-a-uuid`, { headers: bearer(a.token) }), 404);
    await expectProblem(await request.get("/api/users/me", { headers: bearer(third) }), 401);

    expect((await request.delete("/api/sessions", { headers: bearer(a.token) })).status()).toBe(204);
    await expectProblem(await request.get("/api/users/me", { headers: bearer(second) }), 401);
    expect((await request.get("/api/users/me", { headers: bearer(a.token) })).status()).toBe(200);
    await expectProblem(await request.get("/api/sessions"), 401);
    await expectProblem(await request.delete("/api/sessions"), 401);
  });

  test("the token of account A cannot read, change or revoke anything of account B", async ({ request }) => {
    const a = await account(request);
    const b = await account(request);
    const bSessions = (await (await request.get("/api/sessions", { headers: bearer(b.token) })).json()).sessions;
    const aSessions = (await (await request.get("/api/sessions", { headers: bearer(a.token) })).json()).sessions;
    expect(aSessions.map((s: { id: string }) => s.id)).not.toContain(bSessions[0].id);

    await expectProblem(await request.delete(`/api/sessions/${bSessions[0].id}`, { headers: bearer(a.token) }), 404);
    expect((await request.get("/api/users/me", { headers: bearer(b.token) })).status()).toBe(200);

    const patched = await request.patch("/api/users/me", { headers: bearer(a.token), data: { displayName: "Only A" } });
    expect(patched.status()).toBe(200);
    expect((await patched.json()).displayName).toBe("Only A");
    expect((await (await request.get("/api/users/me", { headers: bearer(a.token) })).json()).displayName).toBe(
      "Only A",
    );
    expect((await (await request.get("/api/users/me", { headers: bearer(b.token) })).json()).displayName).toBeNull();

    await expectProblem(
      await request.delete("/api/users/me", { headers: bearer(a.token), data: { password: b.person.password } }),
      403,
    );
    expect((await request.get(`/api/users/${b.person.username}`)).status()).toBe(200);
  });

  test("GET /api/users/{username} shows the public profile only; 404 for an unknown name", async ({ request }) => {
    const a = await account(request);
    const res = await request.get(`/api/users/${a.person.username.toUpperCase()}`);
    expect(res.status()).toBe(200);
    const profile = await res.json();
    expect(Object.keys(profile).sort()).toEqual([
      "avatarUrl",
      "bio",
      "createdAt",
      "displayName",
      "followers",
      "following",
      "postCount",
      "posts",
      "username",
    ]);
    expect(JSON.stringify(profile)).not.toContain(a.person.email);
    await expectProblem(await request.get(`/api/users/nobody-${a.person.username}`), 404);
  });

  test("DELETE /api/users/me: 403 for a wrong password; 204 deletes everything and frees the name and email", async ({
    request,
  }) => {
    const a = await account(request);
    await expectProblem(
      await request.delete("/api/users/me", { headers: bearer(a.token), data: { password: "nope-nope-nope" } }),
      403,
    );
    await expectProblem(await request.delete("/api/users/me", { headers: bearer(a.token), data: {} }), 400);
    const res = await request.delete("/api/users/me", {
      headers: bearer(a.token),
      data: { password: a.person.password },
    });
    expect(res.status()).toBe(204);
    await expectProblem(await request.get("/api/users/me", { headers: bearer(a.token) }), 401);
    await expectProblem(await request.get(`/api/users/${a.person.username}`), 404);
    const again = await request.post("/api/users", {
      data: { ...newPerson(), username: a.person.username, email: a.person.email },
    });
    expect(again.status()).toBe(201);
  });
});
