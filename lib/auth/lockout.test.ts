import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailTokens, securityEvents, users } from "@/db/schema";
import { startMailbox, tokenFrom } from "@/vitest/mailbox";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { drainOutbox } from "../email/outbox";
import { confirmPasswordReset } from "../password-reset/confirm";
import { requestPasswordReset } from "../password-reset/request";
import { deviceCookieAfterSignIn } from "./device-cookie";
import { unlockSignIn } from "./lockout";
import { signIn } from "./sign-in";
import { hashToken } from "../crypto/tokens";

// Item 4 of issue 12: strangers' guesses keep the lock, but can no longer lock the owner out for good.
const mailbox = await startMailbox();
afterAll(() => mailbox.close());
beforeAll(() => getDb());

let block = 0;
const from = (ip: string) => ({ ip, userAgent: "vitest" });
const UNLOCK = /Sign-in to your Accounts account is paused/;

/** 20 wrong passwords from 20 addresses, then `extra` more tries: the account-wide limit trips. */
async function lockOut(login: string, extra = 3) {
  const net = `10.${++block}`;
  for (let i = 0; i < 20 + extra; i++)
    await signIn({ login, password: `wrong ${i}` }, "api", from(`${net}.0.${i + 1}`));
}
/** A device cookie as a sign-in to this account would have set it, under its current password hash. */
async function cookieFor(userId: string, value: string | null = null, now?: number) {
  const db = await getDb();
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return deviceCookieAfterSignIn(value, userId, row!.hash, now);
}
const types = async (userId: string) => {
  const db = await getDb();
  return (await db.select().from(securityEvents).where(eq(securityEvents.userId, userId))).map((e) => e.type);
};

describe("lock-out without denial of service", () => {
  it("mails the owner once per lock-out with a single-use unlock link that clears the counters", async () => {
    const u = await newUser("lock");
    await lockOut(u.username, 5);
    const owner = await signIn({ login: u.username, password: PASSWORD }, "api", from("192.0.2.200"));
    expect(owner).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    await drainOutbox();
    const mails = mailbox.sentTo(u.email).filter((m) => UNLOCK.test(m.subject));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toMatch(/works once, for 60 minutes/);
    expect(mails[0]!.text).toMatch(/\/unlock-sign-in\?token=/);
    expect((await types(u.id)).filter((t) => t === "sign_in.locked")).toHaveLength(1);

    // Stored as a hash, for one hour.
    const token = tokenFrom(mails[0]!);
    const db = await getDb();
    const [row] = await db
      .select()
      .from(emailTokens)
      .where(eq(emailTokens.tokenHash, hashToken(token)));
    expect(row).toMatchObject({ purpose: "unlock_sign_in", userId: u.id });
    const minutes = (row!.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await unlockSignIn(token, NO_CLIENT)).toEqual({ ok: true, value: { userId: u.id } });
    expect((await signIn({ login: u.username, password: PASSWORD }, "api", from("192.0.2.200"))).ok).toBe(true);
    // Spent: a second click does nothing.
    expect(await unlockSignIn(token, NO_CLIENT)).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await types(u.id)).toContain("sign_in.unlocked");

    // A new lock-out after the unlock is a new mail.
    await lockOut(u.username);
    await drainOutbox();
    expect(mailbox.sentTo(u.email).filter((m) => UNLOCK.test(m.subject))).toHaveLength(2);
  });

  it("racing clicks on one unlock link: exactly one spends it", async () => {
    const u = await newUser("lock");
    await lockOut(u.username);
    const mail = await mailbox.waitFor(u.email, UNLOCK);
    const token = tokenFrom(mail);
    const results = await Promise.all(Array.from({ length: 6 }, () => unlockSignIn(token, NO_CLIENT)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await types(u.id)).filter((t) => t === "sign_in.unlocked")).toHaveLength(1);
  });

  it("sends no mail for an unknown login, and an unknown token unlocks nothing", async () => {
    const before = mailbox.received.length;
    await lockOut("nobody-locked-out");
    await drainOutbox();
    expect(mailbox.received.length).toBe(before);
    expect(await unlockSignIn("A".repeat(43), NO_CLIENT)).toMatchObject({ ok: false });
    expect(await unlockSignIn({ token: "x" }, NO_CLIENT)).toMatchObject({ ok: false });
  });

  it("a password reset clears the failure counters and back-off: the new password works at once", async () => {
    const u = await newUser("lock");
    const home = from("198.51.100.77");
    // The owner's own wrong tries from home, and strangers' from everywhere.
    for (let i = 0; i < 5; i++) await signIn({ login: u.username, password: `mine ${i}` }, "api", home);
    await lockOut(u.email);
    expect(await signIn({ login: u.username, password: PASSWORD }, "api", home)).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
    await requestPasswordReset({ email: u.email }, NO_CLIENT);
    const mail = await mailbox.waitFor(u.email, /Reset your Accounts password/);
    const newPassword = "a brand new long password";
    expect((await confirmPasswordReset({ token: tokenFrom(mail), newPassword }, NO_CLIENT)).ok).toBe(true);
    expect((await signIn({ login: u.username, password: newPassword }, "api", home)).ok).toBe(true);
    expect((await signIn({ login: u.email, password: newPassword }, "api", from("10.250.0.1"))).ok).toBe(true);
  });

  it("a browser that signed in before keeps its own bucket: the lock from elsewhere does not stop it", async () => {
    const u = await newUser("lock");
    const cookie = await cookieFor(u.id);
    await lockOut(u.username);
    const ip = from("10.200.0.1"); // even from an address the strangers used
    const otherBrowser = await signIn({ login: u.username, password: PASSWORD }, "browser", ip, {});
    expect(otherBrowser).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    const mine = await signIn({ login: u.username, password: PASSWORD }, "browser", ip, { deviceCookie: cookie });
    expect(mine.ok).toBe(true);
  });

  it("a forged, altered or foreign device cookie is no cookie at all", async () => {
    const u = await newUser("lock");
    const other = await newUser("lock");
    await lockOut(u.username);
    const good = await cookieFor(u.id);
    const [userId, iat, device, mac] = good.split(".");
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    const forged = [
      `${userId}.${iat}.${device}.${flip(mac!)}`, // altered signature
      `${userId}.${iat}.${flip(device!)}.${mac}`, // another device id under the same signature
      `${other.id}.${iat}.${device}.${mac}`, // another account's id under this signature
      await cookieFor(other.id), // a real cookie, for another account
      await cookieFor(u.id, null, Date.now() - 366 * 86_400_000), // genuine, but over a year old
      good.slice(1), // mangled
    ];
    for (const deviceCookie of forged) {
      const r = await signIn({ login: u.username, password: PASSWORD }, "browser", from("10.201.0.1"), {
        deviceCookie,
      });
      expect(r).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    }
    // The API never reads a device cookie.
    const api = await signIn({ login: u.username, password: PASSWORD }, "api", from("10.201.0.2"), {
      deviceCookie: good,
    });
    expect(api).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  });

  it("a password reset ends every device cookie's standing; the next sign-in there earns a new one", async () => {
    const u = await newUser("lock");
    const before = await cookieFor(u.id);
    await requestPasswordReset({ email: u.email }, NO_CLIENT);
    const mail = await mailbox.waitFor(u.email, /Reset your Accounts password/);
    const newPassword = "another brand new password";
    expect((await confirmPasswordReset({ token: tokenFrom(mail), newPassword }, NO_CLIENT)).ok).toBe(true);
    await lockOut(u.username);
    const ip = from("10.203.0.1");
    const stale = await signIn({ login: u.username, password: newPassword }, "browser", ip, { deviceCookie: before });
    expect(stale).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    // What a sign-in in that browser sets now is trusted for the new password.
    const other = await newUser("lock"); // two accounts in one cookie: both entries are kept
    const both = await cookieFor(u.id, await cookieFor(other.id));
    await lockOut(other.username);
    const mine = await signIn({ login: u.username, password: newPassword }, "browser", ip, { deviceCookie: both });
    expect(mine.ok).toBe(true);
    const theirs = await signIn({ login: other.username, password: PASSWORD }, "browser", ip, { deviceCookie: both });
    expect(theirs.ok).toBe(true);
    if (mine.ok) expect(mine.value.deviceCookie?.split("~")).toHaveLength(2);
  });

  it("a trusted browser's own failures are limited in its bucket (5 per 15 minutes)", async () => {
    const u = await newUser("lock");
    const deviceCookie = await cookieFor(u.id);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        signIn({ login: u.username, password: `wrong ${i}` }, "browser", from("10.202.0.1"), { deviceCookie }),
      ),
    );
    const codes = results.map((r) => (r.ok ? "ok" : r.error.code));
    expect(codes.filter((c) => c === "unauthorized")).toHaveLength(5);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(3);
    // Its failures did not count against the account for everyone else.
    expect((await signIn({ login: u.username, password: PASSWORD }, "api", from("10.202.0.2"))).ok).toBe(true);
  });
});
