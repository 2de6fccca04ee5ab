import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as accessRoute } from "@/app/api/users/me/access/route";
import { DELETE as signOutOthersRoute } from "@/app/api/sessions/route";
import { getDb } from "@/db/client";
import { apiKeys, identities, securityEvents, sessions, users } from "@/db/schema";
import { addIdentity } from "@/vitest/passwordless";
import { newUser, NO_CLIENT } from "@/vitest/people";
import { hashToken, newToken } from "../crypto/tokens";
import { createSession } from "../sessions/create";
import { resolveSessionToken } from "../sessions/resolve";
import { listAccess } from "./list";
import { signOutEverywhereElse } from "./sign-out-elsewhere";

const noCtx = { params: Promise.resolve({}) };
const bearer = (token: string, method = "GET", path = "/api/users/me/access") =>
  new Request(`http://localhost${path}`, { method, headers: { authorization: `Bearer ${token}` } });

async function addKey(userId: string, name: string, extra: Partial<typeof apiKeys.$inferInsert> = {}) {
  const key = `acc_${randomBytes(32).toString("base64url")}`;
  const [row] = await (
    await getDb()
  )
    .insert(apiKeys)
    .values({ userId, name, prefix: key.slice(0, 12), keyHash: hashToken(key), scopes: ["posts:read"], ...extra })
    .returning();
  return { ...row!, key };
}

/** An account holding one of everything, an administrator acting as it, and a neighbour with its own things. */
async function account() {
  const user = await newUser("ac");
  const db = await getDb();
  const own = await createSession(user.id, "browser", {
    ip: "192.0.2.1",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36",
  });
  const api = await createSession(user.id, "api", { ip: "192.0.2.2", userAgent: "curl/8.5" });
  const key = await addKey(user.id, "Deploy bot");
  const expired = await addKey(user.id, "Old key", { expiresAt: new Date(Date.now() - 1000) });
  const identity = await addIdentity(user.id, "github", "a@github.example");
  const admin = await newUser("aca");
  await db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
  const adminSession = await createSession(admin.id, "browser", NO_CLIENT);
  const imp = newToken();
  const [impersonation] = await db
    .insert(sessions)
    .values({
      userId: user.id,
      tokenHash: imp.hash,
      kind: "browser",
      expiresAt: new Date(Date.now() + 30 * 60_000),
      impersonatorId: admin.id,
      impersonationReason: "Locked out of posts",
      parentSessionId: adminSession.id,
    })
    .returning();
  const neighbour = await newUser("acn");
  const theirs = await createSession(neighbour.id, "browser", NO_CLIENT);
  const theirKey = await addKey(neighbour.id, "Their key");
  return {
    user,
    own,
    api,
    key,
    expired,
    identity,
    admin,
    adminSession,
    impersonation: impersonation!,
    neighbour,
    theirs,
    theirKey,
  };
}

describe("listAccess (GET /api/users/me/access)", () => {
  it("shows every kind — sessions, keys, identities, an impersonation — and nothing of another account's", async () => {
    const a = await account();
    const access = await listAccess(a.user.id, a.own.id);
    const byId = new Map(access.map((x) => [x.id, x]));
    expect(byId.get(a.own.id)).toMatchObject({ kind: "session", label: "Chrome on Linux", current: true });
    expect(byId.get(a.own.id)!.proof).toMatch(/Browser cookie/);
    expect(byId.get(a.api.id)).toMatchObject({ kind: "session", label: "curl", current: false });
    expect(byId.get(a.api.id)!.proof).toMatch(/API token/);
    expect(byId.get(a.key.id)).toMatchObject({
      kind: "api_key",
      label: "Deploy bot",
      lastUsedAt: null,
      expiresAt: null,
    });
    expect(byId.get(a.identity.id)).toMatchObject({ kind: "identity", label: "GitHub" });
    expect(byId.get(a.impersonation.id)).toMatchObject({ kind: "impersonation", current: false });
    expect(byId.get(a.impersonation.id)!.detail).toBe("Reason: Locked out of posts");
    // The administrator is not named to the owner (as in the activity list); an expired key is no access.
    expect(JSON.stringify(access)).not.toContain(a.admin.username);
    expect(byId.has(a.expired.id)).toBe(false);
    expect(access).toHaveLength(5);
    for (const id of [a.theirs.id, a.theirKey.id, a.adminSession.id]) expect(byId.has(id)).toBe(false);
    // The current session leads; then newest use first.
    expect(access[0]!.id).toBe(a.own.id);
    const used = access.slice(1).map((x) => Date.parse(x.lastUsedAt ?? x.createdAt));
    expect(used).toEqual([...used].sort((x, y) => y - x));
  });

  it("orders by latest use: a key used an hour ago, then a session used two hours ago, then an identity connected days ago", async () => {
    const a = await account();
    const db = await getDb();
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '2 hours'` })
      .where(eq(sessions.id, a.api.id));
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now() - interval '1 hour'` })
      .where(eq(apiKeys.id, a.key.id));
    await db
      .update(identities)
      .set({ connectedAt: sql`now() - interval '3 days'` })
      .where(eq(identities.id, a.identity.id));
    const access = await listAccess(a.user.id, a.own.id);
    const order = access.map((x) => x.id);
    expect(order.indexOf(a.key.id)).toBeLessThan(order.indexOf(a.api.id));
    expect(order.indexOf(a.api.id)).toBeLessThan(order.indexOf(a.identity.id));
  });

  it("is the route's answer, with no token, hash or key in it", async () => {
    const a = await account();
    const response = await accessRoute(bearer(a.api.token), noCtx);
    expect(response.status).toBe(200);
    const text = await response.text();
    const { access } = JSON.parse(text);
    expect(new Set(access.map((x: { kind: string }) => x.kind))).toEqual(
      new Set(["session", "api_key", "identity", "impersonation"]),
    );
    expect(access.find((x: { current: boolean }) => x.current).id).toBe(a.api.id);
    for (const secret of [
      a.api.token,
      a.own.token,
      a.key.key,
      a.key.keyHash,
      hashToken(a.api.token),
      a.identity.subject,
    ])
      expect(text).not.toContain(secret);
    // A key shows only its display prefix, never more of itself.
    expect(text).toContain(`${a.key.prefix}…`);
    expect(text).not.toContain(a.key.key.slice(0, 16));
    expect((await accessRoute(bearer(newToken().token), noCtx)).status).toBe(401);
  });
});

describe("Sign out everywhere else", () => {
  it("ends every session but the caller's — impersonation too — and every key; identities stay", async () => {
    const a = await account();
    const caller = (await resolveSessionToken(a.own.token))!;
    expect(await signOutEverywhereElse(caller, NO_CLIENT)).toEqual({ sessions: 2, apiKeys: 2 });
    const left = await listAccess(a.user.id, a.own.id);
    expect(left.map((x) => [x.kind, x.id])).toEqual(
      expect.arrayContaining([
        ["session", a.own.id],
        ["identity", a.identity.id],
      ]),
    );
    expect(left).toHaveLength(2);
    expect(await resolveSessionToken(a.own.token)).not.toBeNull();
    expect(await resolveSessionToken(a.api.token)).toBeNull();
    const db = await getDb();
    expect(await db.select().from(apiKeys).where(eq(apiKeys.userId, a.user.id))).toHaveLength(0);
    // The administrator's own session and the neighbour's things are untouched.
    expect(await resolveSessionToken(a.theirs.token)).not.toBeNull();
    expect(await db.select().from(apiKeys).where(eq(apiKeys.id, a.theirKey.id))).toHaveLength(1);
    expect(await db.select().from(sessions).where(eq(sessions.id, a.adminSession.id))).toHaveLength(1);
    const [event] = await db
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, a.user.id), eq(securityEvents.type, "session.revoked")));
    expect(event!.detail).toEqual({ count: 2, apiKeys: 2, others: true });
  });

  it("DELETE /api/sessions does the same: keys end with the other sessions", async () => {
    const a = await account();
    const response = await signOutOthersRoute(bearer(a.api.token, "DELETE", "/api/sessions"), noCtx);
    expect(response.status).toBe(204);
    const left = await listAccess(a.user.id, a.api.id);
    expect(left.map((x) => x.kind).sort()).toEqual(["identity", "session"]);
    expect(left.find((x) => x.kind === "session")!.id).toBe(a.api.id);
  });
});
