import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox, mfaChallenges, securityEvents, sessions, users } from "@/db/schema";
import { newUser, PASSWORD } from "@/vitest/people";
import { enrolled } from "@/vitest/two-factor";
import { createSessionIfPasswordUnchanged } from "../sessions/create";
import { createChallenge } from "./second-step";
import { hashPassword } from "../crypto/passwords";
import { signIn, signInWithPassword } from "./sign-in";

// Item 10 of issue 12: a sign-in that compared the old password cannot insert its session after a
// password change. The change is made to happen between the compare and the insert: the real
// compare runs, then (once) the password is changed in the database, as a change racing it would.
const between = vi.hoisted(() => ({ action: null as null | (() => Promise<void>) }));
vi.mock("../crypto/passwords", async (original) => {
  const real = await original<typeof import("../crypto/passwords")>();
  return {
    ...real,
    verifyPassword: async (password: string, hash: string) => {
      const result = await real.verifyPassword(password, hash);
      const action = between.action;
      between.action = null;
      await action?.();
      return result;
    },
  };
});

beforeAll(() => getDb());
const client = { ip: "203.0.113.10", userAgent: "vitest" };

describe("a sign-in in flight during a password change", () => {
  it("is a failed sign-in, with no session, when the hash changed after it was compared", async () => {
    const u = await newUser("race");
    const db = await getDb();
    const changed = await hashPassword("the new password here");
    between.action = async () => {
      await db.update(users).set({ passwordHash: changed }).where(eq(users.id, u.id));
    };
    const r = await signIn({ login: u.username, password: PASSWORD }, "api", client);
    expect(r).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect(await db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, u.id));
    expect(events.map((e) => [e.type, e.detail?.reason])).toContainEqual(["sign_in.failed", "password_changed"]);
    // The new password works; the old one does not.
    expect((await signIn({ login: u.username, password: "the new password here" }, "api", client)).ok).toBe(true);
    expect((await signIn({ login: u.username, password: PASSWORD }, "api", client)).ok).toBe(false);
  });

  it("is refused as well when the account was disabled meanwhile", async () => {
    const u = await newUser("race");
    const db = await getDb();
    between.action = async () => {
      await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id));
    };
    expect(await signIn({ login: u.username, password: PASSWORD }, "api", client)).toMatchObject({ ok: false });
    expect(await db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
  });

  it("the insert is one conditional statement: a stale hash inserts nothing, the current one a row", async () => {
    const u = await newUser("race");
    const db = await getDb();
    const [{ hash }] = (await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, u.id))) as [
      { hash: string },
    ];
    expect(await createSessionIfPasswordUnchanged(u.id, "$2b$04$stale", "browser", client)).toBeNull();
    const created = await createSessionIfPasswordUnchanged(u.id, hash, "browser", client);
    expect(created?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, u.id));
    expect(row).toMatchObject({ id: created!.id, kind: "browser", ip: "203.0.113.10", userAgent: "vitest" });
    expect(Math.abs(row!.expiresAt.getTime() - created!.expiresAt.getTime())).toBeLessThan(1000);
  });

  it("what a sign-in writes beside its session (event, notice) commits with it: a failure there leaves no session", async () => {
    const u = await newUser("race");
    const db = await getDb();
    const [{ hash }] = (await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, u.id))) as [
      { hash: string },
    ];
    const failing = async () => {
      throw new Error("the outbox refused");
    };
    await expect(createSessionIfPasswordUnchanged(u.id, hash, "api", client, failing)).rejects.toThrow("outbox");
    expect(await db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    // A sign-in that lost its race writes no success and queues no notice either.
    const changed = await hashPassword("the new password here");
    between.action = async () => {
      await db.update(users).set({ passwordHash: changed }).where(eq(users.id, u.id));
    };
    expect((await signIn({ login: u.username, password: PASSWORD }, "api", client)).ok).toBe(false);
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, u.id));
    expect(events.map((e) => e.type)).not.toContain("sign_in.succeeded");
    const mail = await db.select({ subject: mailOutbox.subject }).from(mailOutbox).where(eq(mailOutbox.to, u.email));
    expect(mail.map((m) => m.subject)).not.toContainEqual(expect.stringMatching(/^New sign-in/));
  });
});

describe("a two-factor sign-in in flight during a password change", () => {
  it("the password step opens no challenge when the hash changed after it was compared", async () => {
    const { user } = await enrolled("race");
    const db = await getDb();
    const changed = await hashPassword("the new password here");
    between.action = async () => {
      await db.update(users).set({ passwordHash: changed }).where(eq(users.id, user.id));
    };
    const r = await signInWithPassword({ login: user.username, password: PASSWORD }, "api", client);
    expect(r).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect(await db.select().from(mfaChallenges).where(eq(mfaChallenges.userId, user.id))).toHaveLength(0);
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, user.id));
    expect(events.map((e) => [e.type, e.detail?.reason])).toContainEqual(["sign_in.failed", "password_changed"]);
    // The new password opens a challenge.
    const fresh = await signInWithPassword({ login: user.username, password: "the new password here" }, "api", client);
    expect(fresh).toMatchObject({ ok: true, value: { mfa: { methods: ["totp", "recovery_code"] } } });
  });

  it("a change not yet committed holds the challenge's and the session's insert, which then see the new hash", async () => {
    const { user } = await enrolled("race");
    const db = await getDb();
    const [{ hash }] = (await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id))) as [
      { hash: string },
    ];
    const changed = await hashPassword("the new password here");
    let commit!: () => void;
    let updated!: () => void;
    const inTransaction = new Promise<void>((resolve) => (updated = resolve));
    const change = db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash: changed }).where(eq(users.id, user.id));
      updated();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await inTransaction;
    const challenge = createChallenge(user.id, hash, "api");
    const session = createSessionIfPasswordUnchanged(user.id, hash, "api", client);
    // Give both inserts time to reach the database (PostgreSQL: they wait on the row) before the commit.
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await change;
    expect(await challenge).toBeNull();
    expect(await session).toBeNull();
    expect(await db.select().from(mfaChallenges).where(eq(mfaChallenges.userId, user.id))).toHaveLength(0);
    expect(await createChallenge(user.id, changed, "api")).not.toBeNull();
  });
});
