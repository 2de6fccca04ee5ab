import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { registerUser } from "../account/register";
import { listSessions } from "../sessions/list";
import { resolveSessionToken } from "../sessions/resolve";
import { newUser, PASSWORD } from "@/vitest/people";
import { bcryptCost } from "./rehash";
import { signIn } from "./sign-in";
import { hashToken } from "../crypto/tokens";

// Items 9 and 11 of issue 12.
beforeAll(() => getDb());
const client = { ip: "203.0.113.8", userAgent: "vitest" };
let n = 0;
const sessionRow = async (token: string) => {
  const db = await getDb();
  return (
    await db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, hashToken(token)))
  )[0];
};

describe("bcrypt's 72-byte limit at sign-in", () => {
  it("a password over 72 bytes is a wrong password, however it starts", async () => {
    const name = `long${Date.now().toString(36)}${n++}`;
    const password = "é".repeat(30) + "a long tail!"; // 60 + 12 = 72 bytes exactly
    expect(Buffer.byteLength(password)).toBe(72);
    const registered = await registerUser({ username: name, email: `${name}@example.com`, password });
    expect(registered.ok).toBe(true);
    for (const longer of [password + "x", password + "anything at all", password + "é"]) {
      const r = await signIn({ login: name, password: longer }, "api", client);
      expect(r).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    }
    expect((await signIn({ login: name, password }, "api", client)).ok).toBe(true);
  });
});

describe("sessions that age well", () => {
  it("a session unused for SESSION_IDLE_DAYS (14) is refused and deleted, and the list shows when that is", async () => {
    const u = await newUser("idle");
    const r = await signIn({ login: u.username, password: PASSWORD }, "api", client);
    if (!r.ok) throw new Error("sign-in failed");
    const db = await getDb();
    const [listed] = await listSessions(u.id, r.value.session.id);
    const idleDays = (Date.parse(listed!.idleExpiresAt) - Date.parse(listed!.lastSeenAt)) / 86_400_000;
    expect(idleDays).toBeCloseTo(14, 5);
    expect(Date.parse(listed!.idleExpiresAt)).toBeLessThan(Date.parse(listed!.expiresAt));

    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '13 days 23 hours'` })
      .where(eq(sessions.id, r.value.session.id));
    expect(await resolveSessionToken(r.value.session.token)).not.toBeNull(); // and that use counts as use
    expect(Date.now() - (await sessionRow(r.value.session.token))!.lastSeenAt.getTime()).toBeLessThan(60_000);

    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '14 days 1 minute'` })
      .where(eq(sessions.id, r.value.session.id));
    expect(await listSessions(u.id, null)).toHaveLength(0);
    expect(await resolveSessionToken(r.value.session.token)).toBeNull();
    expect(await sessionRow(r.value.session.token)).toBeUndefined();
  });

  it("signing in again in a browser that holds a session ends that older session", async () => {
    const u = await newUser("again");
    const other = await newUser("again");
    const first = await signIn({ login: u.username, password: PASSWORD }, "browser", client);
    const api = await signIn({ login: u.username, password: PASSWORD }, "api", client);
    if (!first.ok || !api.ok) throw new Error("sign-in failed");
    const second = await signIn({ login: u.username, password: PASSWORD }, "browser", client, {
      previousSessionToken: first.value.session.token,
    });
    expect(second.ok).toBe(true);
    expect(await sessionRow(first.value.session.token)).toBeUndefined();
    expect(await resolveSessionToken(first.value.session.token)).toBeNull();
    // Switching accounts in that browser ends the other account's session too.
    if (!second.ok) return;
    const third = await signIn({ login: other.username, password: PASSWORD }, "browser", client, {
      previousSessionToken: second.value.session.token,
    });
    expect(third.ok).toBe(true);
    expect(await sessionRow(second.value.session.token)).toBeUndefined();
    // An API token planted in the cookie is not a browser session and is left alone; so is a failed sign-in.
    await signIn({ login: u.username, password: PASSWORD }, "browser", client, {
      previousSessionToken: api.value.session.token,
    });
    expect(await sessionRow(api.value.session.token)).toBeDefined();
    if (!third.ok) return;
    await signIn({ login: other.username, password: "wrong" }, "browser", client, {
      previousSessionToken: third.value.session.token,
    });
    expect(await sessionRow(third.value.session.token)).toBeDefined();
  });

  it("after BCRYPT_COST is raised (4 → 5), a successful sign-in stores the password at the new cost", async () => {
    const u = await newUser("cost");
    const db = await getDb();
    const stored = async () =>
      (await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, u.id)))[0]!.h!;
    expect(bcryptCost(await stored())).toBe(4);
    expect((await signIn({ login: u.username, password: PASSWORD }, "api", client)).ok).toBe(true);
    expect(bcryptCost(await stored())).toBe(4);
    // "Restart" at cost 5: the modules read the environment afresh (the database is the same).
    const before = process.env.BCRYPT_COST;
    process.env.BCRYPT_COST = "5";
    try {
      vi.resetModules();
      const reconfigured = await import("./sign-in");
      const wrong = await reconfigured.signIn({ login: u.username, password: "wrong" }, "api", client);
      expect(wrong.ok).toBe(false);
      expect(bcryptCost(await stored())).toBe(4); // only a right password is rehashed
      expect((await reconfigured.signIn({ login: u.username, password: PASSWORD }, "api", client)).ok).toBe(true);
      expect(bcryptCost(await stored())).toBe(5);
      expect((await reconfigured.signIn({ login: u.email, password: PASSWORD }, "api", client)).ok).toBe(true);
    } finally {
      process.env.BCRYPT_COST = before;
      vi.resetModules();
    }
    // Back at cost 4, the cost-5 hash stays: a cost is never lowered.
    const original = await import("./sign-in");
    expect((await original.signIn({ login: u.username, password: PASSWORD }, "api", client)).ok).toBe(true);
    expect(bcryptCost(await stored())).toBe(5);
  });
});
