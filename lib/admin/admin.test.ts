import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { securityEvents, sessions, users } from "@/db/schema";
import { NO_CLIENT, newUser, PASSWORD } from "@/vitest/people";
import type { Result } from "../result";
import { signIn } from "../auth/sign-in";
import { resolveSessionToken, type Caller } from "../sessions/resolve";
import { listAdminEvents as listEvents } from "./events";
import { setRoleByLogin } from "./grant";
import { deleteUserAsAdmin, revokeSessionsAsAdmin, updateUserAsAdmin } from "./manage";
import {
  adminEventListSchema,
  adminUserListSchema,
  type AdminEventListQuery,
  type AdminUserListQuery,
} from "./schemas";
import { listAdminUsers as listUsers, searchPattern, TOTAL_CAP } from "./users";

async function signedIn(username: string): Promise<{ caller: Caller; token: string }> {
  const result = await signIn({ login: username, password: PASSWORD }, "api", NO_CLIENT);
  if (!result.ok) throw new Error(`sign-in failed: ${result.error.message}`);
  const caller = await resolveSessionToken(result.value.session.token);
  return { caller: caller!, token: result.value.session.token };
}

async function newAdmin(prefix = "adm") {
  const user = await newUser(prefix);
  const granted = await setRoleByLogin(user.username, "admin");
  expect(granted.ok).toBe(true);
  return { user, ...(await signedIn(user.username)) };
}

const users$ = (q: Record<string, string>) => adminUserListSchema.parse(q);

/** The console's reads, as an administrator (they check the role themselves: see refusals.test.ts). */
let reader: Caller | undefined;
async function asAdmin<Q, T>(read: (actor: Caller, q: Q) => Promise<Result<T>>, q: Q): Promise<T> {
  reader ??= (await newAdmin("reader")).caller;
  const result = await read(reader, q);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
const listAdminUsers = (q: AdminUserListQuery) => asAdmin(listUsers, q);
const listAdminEvents = (q: AdminEventListQuery) => asAdmin(listEvents, q);

describe("roles", () => {
  it("refuses every admin write to an ordinary user", async () => {
    const plain = await newUser("usr");
    const other = await newUser("oth");
    const { caller } = await signedIn(plain.username);
    expect(caller.role).toBe("user");
    const patch = await updateUserAsAdmin(caller, other.id, { role: "admin" }, NO_CLIENT);
    expect(patch).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await deleteUserAsAdmin(caller, other.id, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const db = await getDb();
    const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, other.id));
    expect(row!.role).toBe("user");
  });

  it("reads the role afresh on every request: a demotion counts at once", async () => {
    const a = await newAdmin();
    await newAdmin("keep"); // so `a` is not the last admin
    expect((await resolveSessionToken(a.token))!.role).toBe("admin");
    expect((await setRoleByLogin(a.user.email, "user")).ok).toBe(true);
    expect((await resolveSessionToken(a.token))!.role).toBe("user");
  });

  it("the CLI grant records an event, and revoking the last active admin is refused", async () => {
    const db = await getDb();
    // Any other admins of this file's database are demoted first, through the same path (the last one refused).
    const u = await newUser("cli");
    expect(await setRoleByLogin(u.username.toUpperCase(), "admin")).toMatchObject({
      ok: true,
      value: { changed: true },
    });
    expect(await setRoleByLogin(u.username, "admin")).toMatchObject({ ok: true, value: { changed: false } });
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, u.id));
    expect(events.map((e) => [e.type, e.detail])).toContainEqual(["admin.role_changed", { role: "admin", via: "cli" }]);
    expect(await setRoleByLogin("nobody-at-all", "admin")).toMatchObject({ ok: false, error: { code: "not_found" } });
    const admins = await db.select({ username: users.username }).from(users).where(eq(users.role, "admin"));
    let refused = 0;
    for (const a of admins) {
      const r = await setRoleByLogin(a.username, "user");
      if (!r.ok) {
        expect(r.error).toMatchObject({ code: "conflict", reason: "last_admin" });
        refused++;
      }
    }
    expect(refused).toBe(1);
  });
});

describe("re-authentication", () => {
  it("refuses an admin write when the session has not re-authenticated recently", async () => {
    const a = await newAdmin("stale");
    const target = await newUser("stt");
    const db = await getDb();
    await db
      .update(sessions)
      .set({ reauthenticatedAt: new Date(Date.now() - 86_400_000) })
      .where(eq(sessions.id, a.caller.session.id));
    const stale = (await resolveSessionToken(a.token))!;
    expect(await updateUserAsAdmin(stale, target.id, { role: "admin" }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden", reason: "reauthentication_required" },
    });
    expect(await revokeSessionsAsAdmin(stale, target.id, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { reason: "reauthentication_required" },
    });
  });
});

describe("last admin", () => {
  it("two admins demoting each other at once: exactly one succeeds, one admin is left", async () => {
    const db = await getDb();
    await db.update(users).set({ role: "user" }).where(eq(users.role, "admin"));
    const a = await newAdmin("ra");
    const b = await newAdmin("rb");
    const [ab, ba] = await Promise.all([
      updateUserAsAdmin(a.caller, b.user.id, { role: "user" }, NO_CLIENT),
      updateUserAsAdmin(b.caller, a.user.id, { disabled: true, disabledReason: "race" }, NO_CLIENT),
    ]);
    expect([ab.ok, ba.ok].filter(Boolean)).toHaveLength(1);
    const failed = ab.ok ? ba : ab;
    expect(failed).toMatchObject({ ok: false, error: { code: "conflict", reason: "last_admin" } });
    const left = await db.select().from(users).where(eq(users.role, "admin"));
    expect(left.filter((u) => u.disabledAt === null)).toHaveLength(1);
  });

  it("the last admin cannot demote, disable or delete themselves", async () => {
    const db = await getDb();
    await db.update(users).set({ role: "user" }).where(eq(users.role, "admin"));
    const a = await newAdmin("solo");
    for (const r of [
      await updateUserAsAdmin(a.caller, a.user.id, { role: "user" }, NO_CLIENT),
      await updateUserAsAdmin(a.caller, a.user.id, { disabled: true, disabledReason: "x" }, NO_CLIENT),
      await deleteUserAsAdmin(a.caller, a.user.id, NO_CLIENT),
    ])
      expect(r).toMatchObject({ ok: false, error: { code: "conflict", reason: "last_admin" } });
  });
});

describe("disabling", () => {
  it("needs a reason, ends every session at once, and the right password then answers account_disabled", async () => {
    const admin = await newAdmin("dis");
    const target = await newUser("vic");
    const { token } = await signedIn(target.username);
    await signedIn(target.username);
    const noReason = await updateUserAsAdmin(admin.caller, target.id, { disabled: true }, NO_CLIENT);
    expect(noReason).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { disabledReason: [expect.any(String)] } },
    });
    const done = await updateUserAsAdmin(
      admin.caller,
      target.id,
      { disabled: true, disabledReason: "spam" },
      NO_CLIENT,
    );
    expect(done).toMatchObject({ ok: true, value: { disabledReason: "spam", disabledAt: expect.any(String) } });
    const db = await getDb();
    expect(await db.select().from(sessions).where(eq(sessions.userId, target.id))).toHaveLength(0);
    expect(await resolveSessionToken(token)).toBeNull();
    const right = await signIn({ login: target.username, password: PASSWORD }, "api", NO_CLIENT);
    expect(right).toMatchObject({ ok: false, error: { code: "forbidden", reason: "account_disabled" } });
    const wrong = await signIn({ login: target.username, password: "wrong password here" }, "api", NO_CLIENT);
    expect(wrong).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, target.id));
    expect(events.find((e) => e.type === "admin.user_disabled")).toMatchObject({ actorId: admin.user.id });
    const enabled = await updateUserAsAdmin(admin.caller, target.id, { disabled: false }, NO_CLIENT);
    expect(enabled).toMatchObject({ ok: true, value: { disabledAt: null, disabledReason: null } });
    expect((await signIn({ login: target.username, password: PASSWORD }, "api", NO_CLIENT)).ok).toBe(true);
  });

  it("revoking sessions deletes them all and records who did it", async () => {
    const admin = await newAdmin("rev");
    const target = await newUser("rvt");
    const { token } = await signedIn(target.username);
    expect(await revokeSessionsAsAdmin(admin.caller, target.id, NO_CLIENT)).toMatchObject({
      ok: true,
      value: { revoked: 1 },
    });
    expect(await resolveSessionToken(token)).toBeNull();
    const page = await listAdminEvents(
      adminEventListSchema.parse({ type: "admin.sessions_revoked", userId: target.id }),
    );
    expect(page.events).toHaveLength(1);
    expect(page.events[0]).toMatchObject({ actorId: admin.user.id, userId: target.id, detail: { count: 1 } });
    // Named by username, and found by it too (in any case, with or without the "@").
    expect(page.events[0]).toMatchObject({ username: target.username, actorUsername: admin.user.username });
    const byName = await listAdminEvents(
      adminEventListSchema.parse({ type: "admin.sessions_revoked", username: `@${target.username.toUpperCase()}` }),
    );
    expect(byName.events.map((e) => e.id)).toEqual([page.events[0]!.id]);
    const nobody = await listAdminEvents(adminEventListSchema.parse({ username: "no-such-person" }));
    expect(nobody.events).toEqual([]);
  });
});

describe("the users table", () => {
  it("searches by fragment (three characters or more) or by prefix (fewer), with `%` and `_` as letters", () => {
    expect(searchPattern("ab")).toBe("%\u0001ab%");
    expect(searchPattern("AbC")).toBe("%abc%");
    expect(searchPattern("a%_")).toBe("%a\\%\\_%");
    expect(searchPattern("é")).toBe("%\u0001é%");
  });

  it("matches a short query at the start of a username, email or display name, and no fragment across two", async () => {
    const tag = `q${Date.now().toString(36).slice(-5)}`;
    const a = await newUser(tag);
    const db = await getDb();
    await db
      .update(users)
      .set({ email: `${tag}@ex.org`, displayName: "Yq Zed" })
      .where(eq(users.id, a.id));
    const ids = async (query: string) => (await listAdminUsers(users$({ query }))).users.map((u) => u.id);
    // Short queries: a field's start (the display name's too), not its middle.
    expect(await ids("yq")).toContain(a.id);
    expect(await ids("Zq")).not.toContain(a.id);
    // The end of the username and the start of the email, or of the email and the display name, are no fragment.
    expect(await ids(`${a.username.slice(-2)}${tag.slice(0, 2)}`)).not.toContain(a.id);
    expect(await ids("orgyq")).not.toContain(a.id);
    expect(await ids("x.orgy")).not.toContain(a.id);
    expect(await ids("x.org")).toContain(a.id);
  });

  it("finds an account by a piece of the middle of its username or email", async () => {
    const tag = `mid${Date.now().toString(36)}`;
    const a = await newUser(tag);
    const middle = a.username.slice(2, -2);
    expect((await listAdminUsers(users$({ query: middle.toUpperCase() }))).users.map((u) => u.id)).toEqual([a.id]);
    const db = await getDb();
    const [{ email }] = (await db.select({ email: users.email }).from(users).where(eq(users.id, a.id))) as [
      { email: string },
    ];
    const emailPiece = email.slice(email.indexOf("@") - 3, email.indexOf("@") + 3);
    expect((await listAdminUsers(users$({ query: emailPiece }))).users.map((u) => u.id)).toContain(a.id);
  });

  it("counts the matches up to TOTAL_CAP and says when there are more", async () => {
    const tag = `cap${Date.now().toString(36)}`;
    const db = await getDb();
    await db.execute(sql`insert into users (username, username_key, email)
      select ${tag} || g, ${tag} || g, ${tag} || g || '@example.com' from generate_series(1, ${TOTAL_CAP + 1}) g`);
    const page = await listAdminUsers(users$({ query: tag, limit: "3" }));
    expect(page).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
    expect(page.users).toHaveLength(3);
    await db.execute(sql`delete from users where username_key = ${tag + "1"}`);
    expect(await listAdminUsers(users$({ query: tag, limit: "3" }))).toMatchObject({
      total: TOTAL_CAP,
      totalCapped: false,
    });
  });

  it("searches in any case over username, email and display name, with filters", async () => {
    const tag = `srch${Date.now().toString(36)}`;
    const a = await newUser(tag);
    const b = await newUser(tag);
    const db = await getDb();
    await db
      .update(users)
      .set({ displayName: `Zed ${tag}` })
      .where(eq(users.id, b.id));
    const byName = await listAdminUsers(users$({ query: tag.toUpperCase() }));
    expect(byName.total).toBe(2);
    expect(byName.users.map((u) => u.id)).toEqual([b.id, a.id]);
    expect((await listAdminUsers(users$({ query: "zed " + tag }))).users.map((u) => u.id)).toEqual([b.id]);
    expect((await listAdminUsers(users$({ query: `${tag}%` }))).total).toBe(0);
    expect((await listAdminUsers(users$({ query: tag, verified: "true" }))).total).toBe(0);
    expect((await listAdminUsers(users$({ query: tag, role: "admin" }))).total).toBe(0);
    await db.update(users).set({ disabledAt: new Date(), disabledReason: "x" }).where(eq(users.id, a.id));
    expect((await listAdminUsers(users$({ query: tag, status: "disabled" }))).users.map((u) => u.id)).toEqual([a.id]);
    expect((await listAdminUsers(users$({ query: tag, status: "active" }))).users.map((u) => u.id)).toEqual([b.id]);
  });

  it("pages with opaque keyset cursors, newest or oldest first, and keeps the total", async () => {
    const tag = `pg${Date.now().toString(36)}`;
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await newUser(tag)).id);
    for (const order of ["newest", "oldest"] as const) {
      const seen: string[] = [];
      let cursor: string | null = "";
      do {
        const page = await listAdminUsers(users$({ query: tag, order, limit: "2", cursor: cursor ?? "" }));
        expect(page).toMatchObject({ total: 5, totalCapped: false });
        seen.push(...page.users.map((u) => u.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(order === "newest" ? [...made].reverse() : made);
    }
    expect(adminUserListSchema.safeParse({ cursor: "not-a-cursor" }).success).toBe(false);
    expect(adminUserListSchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(adminUserListSchema.safeParse({ status: "gone" }).success).toBe(false);
    // A NUL in the search was a 500 from PostgreSQL; now a field error before any query.
    const nul = adminUserListSchema.safeParse({ query: "a\u0000b" });
    expect(nul.success ? null : nul.error.issues[0]?.message).toMatch(/control characters/);
  });
});
