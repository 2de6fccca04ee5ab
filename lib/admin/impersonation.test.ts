import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DELETE as stopRoute } from "@/app/api/admin/impersonation/route";
import { POST as startRoute } from "@/app/api/admin/users/[id]/impersonation/route";
import { GET as adminUsersRoute } from "@/app/api/admin/users/route";
import { DELETE as revokeSessionRoute } from "@/app/api/sessions/[id]/route";
import { DELETE as revokeKeyRoute } from "@/app/api/users/me/api-keys/[id]/route";
import { PUT as passwordRoute } from "@/app/api/users/me/password/route";
import { DELETE as deleteMeRoute, GET as meRoute, PATCH as patchMeRoute } from "@/app/api/users/me/route";
import { getDb } from "@/db/client";
import { apiKeys, securityEvents, sessions, users } from "@/db/schema";
import { NO_CLIENT, newUser, PASSWORD } from "@/vitest/people";
import { signIn } from "../auth/sign-in";
import { runRequest } from "../process-store.mjs";
import { eventLabel } from "../security/event-labels";
import { listEvents } from "../security/events";
import { resolveSessionToken } from "../sessions/resolve";
import { setRoleByLogin } from "./grant";
import { IMPERSONATION_MINUTES, NOT_AN_ADMIN_TARGET } from "./impersonation";

const url = (path: string) => `http://localhost${path}`;
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

function call(method: string, token: string, body?: unknown) {
  return new Request(url("/api/x"), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function tokenOf(username: string) {
  const result = await signIn({ login: username, password: PASSWORD }, "api", NO_CLIENT);
  if (!result.ok || !("session" in result.value)) throw new Error("sign-in failed");
  return result.value.session.token;
}

async function newAdmin() {
  const user = await newUser("imadm");
  expect((await setRoleByLogin(user.username, "admin")).ok).toBe(true);
  return { user, token: await tokenOf(user.username) };
}

async function impersonate(adminToken: string, targetId: string, reason = "helping with a ticket") {
  const response = await startRoute(call("POST", adminToken, { reason }), params({ id: targetId }));
  expect(response.status).toBe(201);
  return (await response.json()) as { impersonation: { id: string; userId: string; expiresAt: string }; token: string };
}

describe("starting an impersonation", () => {
  it("gives a bearer token of the target's session, recorded with the administrator, for at most 30 minutes", async () => {
    const admin = await newAdmin();
    const target = await newUser("imtgt");
    const started = await impersonate(admin.token, target.id, "ticket 42");
    expect(started.impersonation.userId).toBe(target.id);
    const minutes = (new Date(started.impersonation.expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(IMPERSONATION_MINUTES - 1);
    expect(minutes).toBeLessThanOrEqual(IMPERSONATION_MINUTES);

    const me = await meRoute(call("GET", started.token), params({}));
    expect(((await me.json()) as { id: string }).id).toBe(target.id);
    const caller = await resolveSessionToken(started.token);
    expect(caller!.session.impersonator).toEqual({
      id: admin.user.id,
      username: admin.user.username,
      reason: "ticket 42",
    });

    // The owner reads who did what, without which administrator.
    const page = await listEvents(target.id, {});
    if (!page.ok) throw new Error(page.error.message);
    const event = page.value.events.find((e) => e.type === "impersonation.started")!;
    expect(eventLabel(event)).toBe("An administrator acted as you (ticket 42)");
    const db = await getDb();
    const [row] = await db
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, target.id), eq(securityEvents.type, "impersonation.started")));
    expect(row!.actorId).toBe(admin.user.id);
  });

  it("never acts as another administrator, and only inside the re-authentication window", async () => {
    const admin = await newAdmin();
    const other = await newAdmin();
    const refused = await startRoute(call("POST", admin.token, { reason: "x" }), params({ id: other.user.id }));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toBe(NOT_AN_ADMIN_TARGET);

    const target = await newUser("imtgt");
    const blank = await startRoute(call("POST", admin.token, { reason: "  " }), params({ id: target.id }));
    expect(blank.status).toBe(400);
    const db = await getDb();
    await db
      .update(sessions)
      .set({ reauthenticatedAt: new Date(0) })
      .where(eq(sessions.userId, admin.user.id));
    const stale = await startRoute(call("POST", admin.token, { reason: "x" }), params({ id: target.id }));
    expect(stale.status).toBe(403);
    expect(((await stale.json()) as { code: string }).code).toBe("reauthentication_required");

    const plain = await newUser("implain");
    const notAdmin = await startRoute(
      call("POST", await tokenOf(plain.username), { reason: "x" }),
      params({ id: target.id }),
    );
    expect(notAdmin.status).toBe(403);
    expect(await db.select().from(sessions).where(eq(sessions.userId, target.id))).toHaveLength(0);
  });
});

describe("while impersonating", () => {
  it("cannot change the email, the password, delete the account, or use admin routes", async () => {
    const admin = await newAdmin();
    const target = await newUser("imtgt");
    const { token } = await impersonate(admin.token, target.id);

    // Even knowing the password: refused before it is checked.
    const email = await patchMeRoute(
      call("PATCH", token, { email: `new${target.username}@example.com`, currentPassword: PASSWORD }),
      params({}),
    );
    expect(email.status).toBe(403);
    expect(((await email.json()) as { code: string }).code).toBe("impersonating");
    const password = await passwordRoute(
      call("PUT", token, { currentPassword: PASSWORD, newPassword: "another good long password" }),
      params({}),
    );
    expect(password.status).toBe(403);
    const deleted = await deleteMeRoute(call("DELETE", token, { password: PASSWORD }), params({}));
    expect(deleted.status).toBe(403);
    expect((await adminUsersRoute(call("GET", token), params({}))).status).toBe(403);
    // Nor can it start another impersonation.
    const other = await newUser("imtgt");
    expect((await startRoute(call("POST", token, { reason: "x" }), params({ id: other.id }))).status).toBe(403);
    // Nor change the owner's API keys.
    const [key] = await (
      await getDb()
    )
      .insert(apiKeys)
      .values({ userId: target.id, name: "ci", prefix: "acc_test", keyHash: `h-${target.id}`, scopes: [] })
      .returning();
    const revokeKey = await revokeKeyRoute(call("DELETE", token), params({ id: key!.id }));
    expect(revokeKey.status).toBe(403);
    expect(((await revokeKey.json()) as { code: string }).code).toBe("impersonating");
    expect(await (await getDb()).select().from(apiKeys).where(eq(apiKeys.id, key!.id))).toHaveLength(1);

    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, target.id));
    expect(row!.email).toBe(target.email);
    const requested = await db
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, target.id), eq(securityEvents.type, "email_change.requested")));
    expect(requested).toHaveLength(0);

    // What it may do is recorded with both accounts: here, signing one of the owner's sessions out.
    const owned = await tokenOf(target.username);
    const ownedId = (await resolveSessionToken(owned))!.session.id;
    const revoked = await runRequest({ ip: null, databaseUnavailable: false }, () =>
      revokeSessionRoute(call("DELETE", token), params({ id: ownedId })),
    );
    expect(revoked.status).toBe(204);
    const [event] = await db
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, target.id), eq(securityEvents.type, "session.revoked")));
    expect(event!.actorId).toBe(admin.user.id);
  });
});

describe("an impersonation ends", () => {
  it("when stopped (204, its token dead; again: 401), and an owner's own session has nothing to stop", async () => {
    const admin = await newAdmin();
    const target = await newUser("imtgt");
    const { token } = await impersonate(admin.token, target.id);
    expect((await stopRoute(call("DELETE", token), params({}))).status).toBe(204);
    expect(await resolveSessionToken(token)).toBeNull();
    expect((await stopRoute(call("DELETE", token), params({}))).status).toBe(401);
    expect((await stopRoute(call("DELETE", admin.token), params({}))).status).toBe(404);
    expect(await resolveSessionToken(admin.token)).not.toBeNull();
  });

  it("with the administrator's own session", async () => {
    const admin = await newAdmin();
    const target = await newUser("imtgt");
    const { token } = await impersonate(admin.token, target.id);
    const db = await getDb();
    // Expired (not yet deleted) counts as gone.
    const adminSession = (await resolveSessionToken(admin.token))!.session.id;
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, adminSession));
    expect(await resolveSessionToken(token)).toBeNull();

    const again = await newAdmin();
    const second = await impersonate(again.token, target.id);
    await db.delete(sessions).where(eq(sessions.id, (await resolveSessionToken(again.token))!.session.id));
    expect(await resolveSessionToken(second.token)).toBeNull();
  });

  it("when the administrator loses the role, or the target becomes an administrator", async () => {
    const admin = await newAdmin();
    await newAdmin(); // not the last administrator
    const target = await newUser("imtgt");
    const { token } = await impersonate(admin.token, target.id);
    expect(await resolveSessionToken(token)).not.toBeNull();
    expect((await setRoleByLogin(admin.user.username, "user")).ok).toBe(true);
    expect(await resolveSessionToken(token)).toBeNull();

    const other = await newAdmin();
    const second = await impersonate(other.token, target.id);
    expect((await setRoleByLogin(target.username, "admin")).ok).toBe(true);
    expect(await resolveSessionToken(second.token)).toBeNull();
  });
});
