import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { GET as listAdminUsers } from "@/app/api/admin/users/route";
import { DELETE as revokeRoute } from "@/app/api/users/me/api-keys/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/users/me/api-keys/route";
import { PUT as changePassword } from "@/app/api/users/me/password/route";
import { DELETE as deleteAccountRoute, GET as me, PATCH as editMe } from "@/app/api/users/me/route";
import { DELETE as deletePostRoute } from "@/app/api/posts/[id]/route";
import { GET as listPosts, POST as createPostRoute } from "@/app/api/posts/route";
import { GET as listSessions } from "@/app/api/sessions/route";
import { getDb } from "@/db/client";
import { apiKeys, securityEvents, users } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { signedInAccount, staleProof } from "@/vitest/passwordless";
import { NO_CLIENT, PASSWORD } from "@/vitest/people";
import { updateUserAsAdmin } from "../admin/manage";
import { issueEmailToken } from "../email-tokens/tokens";
import { confirmPasswordReset } from "../password-reset/confirm";
import type { Caller } from "../sessions/resolve";
import { createApiKey } from "./create";
import { MAX_LIVE_API_KEYS } from "./scopes";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

const url = (path: string) => `http://localhost${path}`;
const noContext = { params: Promise.resolve({}) };
const idContext = (id: string) => ({ params: Promise.resolve({ id }) });

function call(method: string, path: string, token: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function newKey(token: string, scopes: string[], extra: Record<string, unknown> = {}) {
  const response = await createRoute(
    call("POST", "/api/users/me/api-keys", token, { name: "k", scopes, ...extra }),
    noContext,
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { apiKey: { id: string; prefix: string; expiresAt: string | null }; key: string };
}

async function verified(userId: string) {
  await (await getDb()).update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, userId));
}

describe("creating an API key", () => {
  it("answers the key once (acc_…), keeps only its hash and prefix, and records api_key.created", async () => {
    const { user, token } = await signedInAccount("ak");
    const created = await newKey(token, ["posts:read", "posts:read", "profile:read"], { expiresInDays: 30 });
    expect(created.key).toMatch(/^acc_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ name: "k", scopes: ["posts:read", "profile:read"] });
    expect(created.key.startsWith(created.apiKey.prefix)).toBe(true);
    expect(new Date(created.apiKey.expiresAt!).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const list = await (await listRoute(call("GET", "/api/users/me/api-keys", token), noContext)).json();
    expect(list.apiKeys).toHaveLength(1);
    expect(list.apiKeys[0]).toMatchObject({ id: created.apiKey.id, lastUsedAt: null });
    const [row] = await (await getDb()).select().from(apiKeys).where(eq(apiKeys.id, created.apiKey.id));
    expect(JSON.stringify(list)).not.toContain(row!.keyHash);
    expect(JSON.stringify(list)).not.toContain(created.key);
    const events = await (
      await getDb()
    )
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, user.id), eq(securityEvents.type, "api_key.created")));
    expect(events).toHaveLength(1);
  });

  it("needs a fresh re-authentication", async () => {
    const { caller } = await signedInAccount("ak");
    const result = await createApiKey(await staleProof(caller), { name: "k", scopes: ["posts:read"] }, NO_CLIENT);
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden", reason: "reauthentication_required" } });
  });

  it("refuses bad input with field errors (no scopes, unknown scope, odd expiry, no name)", async () => {
    const { token } = await signedInAccount("ak");
    for (const body of [
      { name: "k", scopes: [] },
      { name: "k", scopes: ["admin"] },
      { name: "k", scopes: ["posts:read"], expiresInDays: 10 },
      { name: "  ", scopes: ["posts:read"] },
      { name: "k".repeat(101), scopes: ["posts:read"] },
    ]) {
      const response = await createRoute(call("POST", "/api/users/me/api-keys", token, body), noContext);
      expect(response.status).toBe(400);
    }
  });

  it(`keeps at most ${MAX_LIVE_API_KEYS} live keys, even when the creates race`, async () => {
    const { user, caller } = await signedInAccount("ak");
    const db = await getDb();
    // An expired key does not count.
    await db.insert(apiKeys).values({
      userId: user.id,
      name: "old",
      prefix: "acc_old",
      keyHash: `expired-${user.id}`,
      scopes: ["posts:read"],
      expiresAt: sql`now() - interval '1 day'`,
    });
    const results = await Promise.all(
      Array.from({ length: MAX_LIVE_API_KEYS + 5 }, (_, i) =>
        createApiKey(caller, { name: `k${i}`, scopes: ["posts:read"] }, NO_CLIENT),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_LIVE_API_KEYS);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(5);
    expect(refused[0]).toMatchObject({ error: { code: "conflict", reason: "too_many_api_keys" } });
    const [n] = await db.select({ n: count() }).from(apiKeys).where(eq(apiKeys.userId, user.id));
    expect(Number(n!.n)).toBe(MAX_LIVE_API_KEYS + 1);
  });
});

describe("an API key as a bearer token", () => {
  it("without posts:write: 403 insufficient_scope on creating a post, 200 on reading", async () => {
    const { user, token } = await signedInAccount("ak");
    await verified(user.id);
    const { key } = await newKey(token, ["posts:read", "profile:read"]);
    const refused = await createPostRoute(call("POST", "/api/posts", key, { title: "t", body: "b" }), noContext);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "insufficient_scope", scope: "posts:write" });
    expect((await listPosts(call("GET", "/api/posts", key), noContext)).status).toBe(200);
    const mine = await me(call("GET", "/api/users/me", key), noContext);
    expect(mine.status).toBe(200);
    expect((await mine.json()).id).toBe(user.id);

    const writer = await newKey(token, ["posts:write"]);
    const made = await createPostRoute(call("POST", "/api/posts", writer.key, { title: "t", body: "b" }), noContext);
    expect(made.status).toBe(201);
    const profile = await me(call("GET", "/api/users/me", writer.key), noContext);
    expect(await profile.json()).toMatchObject({ code: "insufficient_scope", scope: "profile:read" });
  });

  it("never manages keys, sessions, the password, email or deletion", async () => {
    const { token } = await signedInAccount("ak");
    const { key, apiKey } = await newKey(token, ["profile:read", "profile:write", "posts:read", "posts:write"]);
    const answers = [
      await createRoute(call("POST", "/api/users/me/api-keys", key, { name: "x", scopes: ["posts:read"] }), noContext),
      await listRoute(call("GET", "/api/users/me/api-keys", key), noContext),
      await revokeRoute(call("DELETE", `/api/users/me/api-keys/${apiKey.id}`, key), idContext(apiKey.id)),
      await changePassword(
        call("PUT", "/api/users/me/password", key, {
          currentPassword: PASSWORD,
          newPassword: "another long passphrase 9",
        }),
        noContext,
      ),
      await editMe(
        call("PATCH", "/api/users/me", key, { email: "new@example.com", currentPassword: PASSWORD }),
        noContext,
      ),
      await deleteAccountRoute(call("DELETE", "/api/users/me", key, { password: PASSWORD }), noContext),
      await listSessions(call("GET", "/api/sessions", key), noContext),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect((await answer.json()).code).toBe("insufficient_scope");
    }
    // The profile itself, with profile:write, may change.
    const edited = await editMe(call("PATCH", "/api/users/me", key, { displayName: "Key Holder" }), noContext);
    expect(edited.status).toBe(200);
    const [n] = await (await getDb()).select({ n: count() }).from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(Number(n!.n)).toBe(1);
  });

  it("is refused by admin routes, and never wields its owner's admin role", async () => {
    const { user, token } = await signedInAccount("ak");
    await (await getDb()).update(users).set({ role: "admin" }).where(eq(users.id, user.id));
    const { key } = await newKey(token, ["profile:read", "profile:write", "posts:read", "posts:write"]);
    const asSession = await listAdminUsers(call("GET", "/api/admin/users", token), noContext);
    expect(asSession.status).toBe(200);
    const asKey = await listAdminUsers(call("GET", "/api/admin/users", key), noContext);
    expect(asKey.status).toBe(403);

    const author = await signedInAccount("ak");
    await verified(author.user.id);
    const post = await (
      await createPostRoute(call("POST", "/api/posts", author.token, { title: "t", body: "b" }), noContext)
    ).json();
    const removed = await deletePostRoute(call("DELETE", `/api/posts/${post.id}`, key), idContext(post.id));
    expect(removed.status).toBe(403);
  });

  it("writes last_used_at, and an expired, revoked or unknown key is signed out", async () => {
    const { token } = await signedInAccount("ak");
    const db = await getDb();
    const { key, apiKey } = await newKey(token, ["profile:read"]);
    expect((await me(call("GET", "/api/users/me", key), noContext)).status).toBe(200);
    const [used] = await db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(used!.lastUsedAt).not.toBeNull();

    await db
      .update(apiKeys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiKeys.id, apiKey.id));
    expect((await me(call("GET", "/api/users/me", key), noContext)).status).toBe(401);
    expect((await me(call("GET", "/api/users/me", `acc_${"A".repeat(43)}`), noContext)).status).toBe(401);

    const live = await newKey(token, ["profile:read"]);
    const revoked = await revokeRoute(
      call("DELETE", `/api/users/me/api-keys/${live.apiKey.id}`, token),
      idContext(live.apiKey.id),
    );
    expect(revoked.status).toBe(204);
    expect((await me(call("GET", "/api/users/me", live.key), noContext)).status).toBe(401);
  });

  it("cannot be revoked by another account (404, the key still works)", async () => {
    const owner = await signedInAccount("ak");
    const other = await signedInAccount("ak");
    const { key, apiKey } = await newKey(owner.token, ["profile:read"]);
    const answer = await revokeRoute(call("DELETE", "/x", other.token), idContext(apiKey.id));
    expect(answer.status).toBe(404);
    expect((await revokeRoute(call("DELETE", "/x", other.token), idContext("not-a-uuid"))).status).toBe(404);
    expect((await me(call("GET", "/api/users/me", key), noContext)).status).toBe(200);
  });
});

describe("keys end with the account's other ways in", () => {
  it("die with a password reset", async () => {
    const { user, token } = await signedInAccount("ak");
    const { key } = await newKey(token, ["profile:read"]);
    const link = await issueEmailToken(user.id, "reset_password", user.email, 30);
    const reset = await confirmPasswordReset({ token: link, newPassword: "a different long passphrase 7" }, NO_CLIENT);
    expect(reset.ok).toBe(true);
    expect((await me(call("GET", "/api/users/me", key), noContext)).status).toBe(401);
    const [n] = await (await getDb()).select({ n: count() }).from(apiKeys).where(eq(apiKeys.userId, user.id));
    expect(Number(n!.n)).toBe(0);
  });

  it("die when an administrator disables the account", async () => {
    const admin = await signedInAccount("ak");
    await (await getDb()).update(users).set({ role: "admin" }).where(eq(users.id, admin.user.id));
    const adminCaller: Caller = { ...admin.caller, role: "admin" };
    const { user, token } = await signedInAccount("ak");
    await newKey(token, ["profile:read"]);
    const done = await updateUserAsAdmin(adminCaller, user.id, { disabled: true, disabledReason: "spam" }, NO_CLIENT);
    expect(done.ok).toBe(true);
    const [n] = await (await getDb()).select({ n: count() }).from(apiKeys).where(eq(apiKeys.userId, user.id));
    expect(Number(n!.n)).toBe(0);
  });
});
