import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, rateLimits, securityEvents, sessions, users } from "@/db/schema";
import { startMailbox, tokenFrom } from "@/vitest/mailbox";
import { newUser, PASSWORD } from "@/vitest/people";
import { secureAccount, secureAccountLinkIsLive } from "../account/secure-account";
import { drainOutbox } from "../email/outbox";
import { confirmPasswordReset } from "../password-reset/confirm";
import { limitKey } from "../security/rate-limit";
import { deviceCookieAfterSignIn } from "./device-cookie";
import { secureAccountToken } from "./secure-link";
import { signIn } from "./sign-in";

// Issue 30: new-device notices, coalesced, and the page their link opens.
const mailbox = await startMailbox();
afterAll(() => mailbox.close());
beforeAll(() => getDb());

const NOTICE = /^New sign-in to your Accounts account$/;
const RESET = /Reset your/;
const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
let n = 0;
const from = () => ({ ip: `192.0.2.${++n}`, userAgent: chrome });
const notices = async (email: string) => {
  await drainOutbox();
  return mailbox.sentTo(email).filter((m) => NOTICE.test(m.subject));
};
/** Ends the notice's coalescing window, as if 10 minutes had passed. */
const windowPassed = async (userId: string) =>
  (await getDb())
    .update(rateLimits)
    .set({ resetAt: sql`now() - interval '1 second'` })
    .where(eq(rateLimits.key, limitKey("new_device_notice", [userId])));
const browserSignIn = async (login: string, deviceCookie: string | null = null) => {
  const r = await signIn({ login, password: PASSWORD }, "browser", from(), { deviceCookie });
  if (!r.ok) throw new Error(`sign-in failed: ${r.error.message}`);
  return r.value;
};

describe("new-device notices", () => {
  it("a new browser mails once (device, address, time, the secure link); the same browser again mails nothing", async () => {
    const u = await newUser("dev");
    const first = await browserSignIn(u.username);
    const mails = await notices(u.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Device: Chrome on Linux.");
    expect(mails[0]!.text).toMatch(/Address: 192\.0\.2\.\d+\./);
    expect(mails[0]!.text).toMatch(/Time: \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
    expect(mails[0]!.text).toMatch(/Wasn't you\? — secure your account: http\S+\/secure-account\?token=/);

    await windowPassed(u.id);
    const again = await browserSignIn(u.username, first.deviceCookie);
    await browserSignIn(u.username, again.deviceCookie);
    expect(await notices(u.email)).toHaveLength(1);

    await browserSignIn(u.username); // another browser, after the window: a new message
    expect(await notices(u.email)).toHaveLength(2);
  });

  it("many new devices within a few minutes make one message; each is in the activity list", async () => {
    const u = await newUser("dev");
    for (let i = 0; i < 5; i++) await browserSignIn(u.username);
    await signIn({ login: u.username, password: PASSWORD }, "api", from());
    expect(await notices(u.email)).toHaveLength(1);
    const events = await (
      await getDb()
    )
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.userId, u.id), eq(securityEvents.type, "sign_in.succeeded")));
    // One row per sign-in (no extra row for the new device), each saying so.
    expect(events).toHaveLength(6);
    expect(events.every((e) => (e.detail as { newDevice?: boolean }).newDevice === true)).toBe(true);
  });

  it("a program's sign-in by password counts; the browser that signed up (its device cookie) does not", async () => {
    const u = await newUser("dev");
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, u.id));
    await browserSignIn(u.username, deviceCookieAfterSignIn(null, u.id, row!.passwordHash));
    expect(await notices(u.email)).toHaveLength(0);
    const api = await signIn({ login: u.username, password: PASSWORD }, "api", from());
    expect(api.ok).toBe(true);
    expect(await notices(u.email)).toHaveLength(1);
  });

  it("the link's button signs out everywhere and mails a reset link; a reset ends the link", async () => {
    const u = await newUser("dev");
    await browserSignIn(u.username);
    await signIn({ login: u.username, password: PASSWORD }, "api", from());
    const token = tokenFrom((await notices(u.email))[0]!);
    expect(await secureAccountLinkIsLive(token)).toBe(true);
    const sessionsOf = async () => (await getDb()).select().from(sessions).where(eq(sessions.userId, u.id));
    expect(await sessionsOf()).toHaveLength(2);
    const db = await getDb();
    await db.insert(apiKeys).values({ userId: u.id, name: "ci", prefix: "acc_test", keyHash: `h-${u.id}`, scopes: [] });

    const done = await secureAccount(token, from());
    expect(done.ok).toBe(true);
    expect(await sessionsOf()).toHaveLength(0);
    // "Everywhere" includes the programs' keys.
    expect(await db.select().from(apiKeys).where(eq(apiKeys.userId, u.id))).toEqual([]);
    await drainOutbox();
    const reset = await mailbox.waitFor(u.email, RESET);
    const confirmed = await confirmPasswordReset(
      { token: tokenFrom(reset), newPassword: "another good password" },
      from(),
    );
    expect(confirmed.ok).toBe(true);
    expect(await secureAccountLinkIsLive(token)).toBe(false);
    expect(await secureAccount(token, from())).toMatchObject({ ok: false, error: { code: "validation" } });
  });

  it("a forged, altered, foreign or old link does nothing", async () => {
    const u = await newUser("dev");
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, u.id));
    const good = secureAccountToken(u.id, row!.passwordHash);
    const altered = good.slice(0, -1) + (good.endsWith("A") ? "B" : "A");
    const old = secureAccountToken(u.id, row!.passwordHash, Date.now() - 8 * 86_400_000);
    const other = await newUser("dev");
    const foreign = other.id.replace(/-/g, "") + good.slice(32);
    for (const bad of [altered, old, foreign, "", "x".repeat(83), ["a"], null])
      expect(await secureAccount(bad, from())).toMatchObject({ ok: false, error: { code: "validation" } });
    const left = await (await getDb()).select().from(securityEvents).where(eq(securityEvents.userId, u.id));
    expect(left.map((e) => e.type)).not.toContain("account.secured");
    expect(await secureAccountLinkIsLive(good)).toBe(true);
  });
});
