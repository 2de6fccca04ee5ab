import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { rateLimits, securityEvents, sessions } from "@/db/schema";
import { ipKey } from "../security/ip-key";
import { limitKey } from "../security/rate-limit";
import { registerUser } from "../account/register";
import { signIn } from "./sign-in";
import { unfoldTries } from "@/vitest/tries";

let n = 0;
const ipFor = () => `198.51.100.${(n++ % 250) + 1}`;
async function account() {
  const name = `l${Date.now().toString(36)}${(n++).toString(36)}`;
  const input = { username: `Lim${name}`, email: `${name}@example.com`, password: "a good long password" };
  const result = await registerUser(input);
  if (!result.ok) throw new Error("setup failed");
  return { ...input, user: result.value };
}
const from = (ip: string) => ({ ip, userAgent: "vitest" });

/** Ends the window of one counter, as if its time had passed. */
async function timePasses(
  limit: "sign_in_failures_account_ip" | "sign_in_failures_account",
  userId: string,
  ip?: string,
) {
  const parts = limit === "sign_in_failures_account" ? [`user:${userId}`] : [`user:${userId}`, ipKey(ip)];
  const db = await getDb();
  const ended = await db
    .update(rateLimits)
    .set({ resetAt: sql`now() - interval '1 second'` })
    .where(eq(rateLimits.key, limitKey(limit, parts)))
    .returning();
  expect(ended).toHaveLength(1);
}

beforeAll(() => getDb()); // migrations run here, outside any test's time limit

describe("sign-in limits", () => {
  it("refuses the sixth try after five wrong passwords from one address, even the right password, until the window ends", async () => {
    const a = await account();
    const ip = from(ipFor());
    for (let i = 0; i < 5; i++) {
      const r = await signIn({ login: a.username, password: "wrong password" }, "api", ip);
      expect(r).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    }
    const sixth = await signIn({ login: a.username, password: a.password }, "api", ip);
    expect(sixth).toMatchObject({
      ok: false,
      error: { code: "rate_limited", message: expect.stringMatching(/Try again in 15 minutes/) },
    });
    if (!sixth.ok) expect(sixth.error.retryAfter).toBeGreaterThan(890);
    if (!sixth.ok) expect(sixth.error.retryAfter).toBeLessThanOrEqual(900);
    const db = await getDb();
    expect(await db.select().from(sessions).where(eq(sessions.userId, a.user.id))).toHaveLength(0);
    expect(await signIn({ login: a.username, password: "again wrong" }, "api", ip)).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
    // Another address may still try this account.
    expect((await signIn({ login: a.username, password: a.password }, "api", from(ipFor()))).ok).toBe(true);
    await timePasses("sign_in_failures_account_ip", a.user.id, ip.ip);
    expect((await signIn({ login: a.username, password: a.password }, "api", ip)).ok).toBe(true);
    // One row per try: failed tries are summarised (lib/security/event-summary.ts).
    const types = unfoldTries(await db.select().from(securityEvents).where(eq(securityEvents.userId, a.user.id))).map(
      (e) => e.type,
    );
    expect(types.filter((t) => t === "sign_in.failed")).toHaveLength(5);
    expect(types.filter((t) => t === "rate_limit.hit")).toHaveLength(1);
    expect(types.filter((t) => t === "sign_in.succeeded")).toHaveLength(2);
  });

  it("counts the username in any case and the email as one account", async () => {
    const a = await account();
    const ip = from(ipFor());
    for (const login of [
      a.username,
      a.username.toUpperCase(),
      a.email.toUpperCase(),
      ` ${a.email}`,
      a.username.toLowerCase(),
    ])
      await signIn({ login, password: "wrong password" }, "api", ip);
    const r = await signIn({ login: a.email, password: a.password }, "api", ip);
    expect(r).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  });

  it("limits an unknown account exactly like a known one", async () => {
    const ip = from(ipFor());
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await signIn({ login: "Nobody-At-All", password: "x" }, "api", ip));
    expect(results.slice(0, 5).every((r) => !r.ok && r.error.code === "unauthorized")).toBe(true);
    expect(results[5]).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    const other = await signIn({ login: "nobody-at-all", password: "x" }, "api", ip);
    expect(other).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  });

  it("clears the account+address failures after a successful sign-in", async () => {
    const a = await account();
    const ip = from(ipFor());
    for (let i = 0; i < 4; i++) await signIn({ login: a.username, password: "wrong password" }, "api", ip);
    expect((await signIn({ login: a.username, password: a.password }, "api", ip)).ok).toBe(true);
    for (let i = 0; i < 5; i++) {
      const r = await signIn({ login: a.username, password: "wrong password" }, "api", ip);
      expect(r).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    }
    expect(await signIn({ login: a.username, password: a.password }, "api", ip)).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
  });

  it("does not let an IPv6 client escape by rotating addresses inside its /64", async () => {
    const a = await account();
    for (let i = 0; i < 5; i++)
      await signIn({ login: a.username, password: "wrong" }, "api", from(`2001:db8:1:2::${(i + 1).toString(16)}`));
    const r = await signIn({ login: a.username, password: a.password }, "api", from("2001:db8:1:2:ffff::9"));
    expect(r).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect((await signIn({ login: a.username, password: a.password }, "api", from("2001:db8:1:3::1"))).ok).toBe(true);
  });

  it("stops an account after 20 failures from many addresses, and doubles the wait with each further try", async () => {
    const a = await account();
    for (let i = 0; i < 20; i++) {
      const r = await signIn({ login: a.username, password: "wrong" }, "api", from(`192.0.2.${i + 1}`));
      expect(r).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    }
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await signIn({ login: a.username, password: a.password }, "api", from(`192.0.2.${100 + i}`));
      expect(r).toMatchObject({ ok: false, error: { code: "rate_limited" } });
      if (!r.ok) waits.push(Math.round(r.error.retryAfter! / 60));
    }
    expect(waits).toEqual([60, 120, 240, 480]);
    await timePasses("sign_in_failures_account", a.user.id);
    expect((await signIn({ login: a.username, password: a.password }, "api", from("192.0.2.200"))).ok).toBe(true);
  });

  it("refuses the 101st attempt from one address within 15 minutes, whatever the accounts", async () => {
    const ip = from("203.0.113.99");
    for (let i = 0; i < 100; i++) {
      const r = await signIn({ login: `someone${i}`, password: "x" }, "api", ip);
      expect(r).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    }
    const r = await signIn({ login: "someone-else", password: "x" }, "api", ip);
    expect(r).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    if (!r.ok) expect(r.error.retryAfter).toBeLessThanOrEqual(900);
  }, 120_000);
});
