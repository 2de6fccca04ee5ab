import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { clearKey, hit, hitKey, limitKey, peekKeys, type Rule } from "./rate-limit";

let n = 0;
const fresh = () => `test:${Date.now().toString(36)}:${n++}`;

async function expireWindow(key: string) {
  const db = await getDb();
  await db
    .update(rateLimits)
    .set({ resetAt: sql`now() - interval '1 second'` })
    .where(eq(rateLimits.key, key));
}

beforeAll(() => getDb()); // migrations run here, outside any test's time limit

describe("rate limits in the database", () => {
  it("lets exactly the limit through when 20 hits arrive at once", async () => {
    const key = fresh();
    const results = await Promise.all(Array.from({ length: 20 }, () => hitKey(key, { count: 5, seconds: 60 })));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(15);
    for (const r of refused) if (!r.ok) expect(r.retryAfter).toBeGreaterThan(55);
    for (const r of refused) if (!r.ok) expect(r.retryAfter).toBeLessThanOrEqual(60);
    const db = await getDb();
    const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
    expect(row!.count).toBe(20);
  });

  it("starts a new window once the old one has ended", async () => {
    const key = fresh();
    const rule = { count: 2, seconds: 900 };
    expect((await hitKey(key, rule)).ok).toBe(true);
    expect(await hitKey(key, rule)).toMatchObject({ ok: true, remaining: 0 });
    expect((await hitKey(key, rule)).ok).toBe(false);
    await expireWindow(key);
    expect(await hitKey(key, rule)).toMatchObject({ ok: true, remaining: 1 });
  });

  const peekKey = async (key: string, rule: Rule) => (await peekKeys([{ key, rule }]))[0]!;

  it("peeks without counting, and forgets a cleared key", async () => {
    const key = fresh();
    const rule = { count: 2, seconds: 900 };
    expect(await peekKey(key, rule)).toEqual({ ok: true, remaining: 2 });
    await hitKey(key, rule);
    await hitKey(key, rule);
    const peeked = await peekKey(key, rule);
    expect(peeked.ok).toBe(false);
    expect(await peekKey(key, rule)).toEqual(peeked);
    await clearKey(key);
    expect(await peekKey(key, rule)).toEqual({ ok: true, remaining: 2 });
    await hitKey(key, rule);
    await expireWindow(key);
    expect(await peekKey(key, rule)).toEqual({ ok: true, remaining: 2 });
  });

  it("peeks at several keys in one call, each answered in the order asked, with its own rule", async () => {
    const [full, used, untouched] = [fresh(), fresh(), fresh()];
    await hitKey(full, { count: 1, seconds: 900 });
    await hitKey(used, { count: 3, seconds: 900 });
    const results = await peekKeys([
      { key: untouched, rule: { count: 5, seconds: 900 } },
      { key: full, rule: { count: 1, seconds: 900 } },
      { key: used, rule: { count: 3, seconds: 900 } },
    ]);
    expect(results[0]).toEqual({ ok: true, remaining: 5 });
    expect(results[1]).toMatchObject({ ok: false });
    expect(results[2]).toEqual({ ok: true, remaining: 2 });
  });

  it("doubles the wait with every hit past the limit when backing off, up to a day", async () => {
    const key = fresh();
    const rule = { count: 2, seconds: 3600 };
    await hitKey(key, rule, { backoff: true });
    await hitKey(key, rule, { backoff: true });
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await hitKey(key, rule, { backoff: true });
      expect(r.ok).toBe(false);
      if (!r.ok) waits.push(r.retryAfter);
    }
    const hours = waits.map((s) => Math.round(s / 3600));
    expect(hours).toEqual([1, 2, 4, 8, 16, 24, 24]);
  });

  it("remembers the doubling past the window, until the key is cleared or its memory ends", async () => {
    const key = fresh();
    const rule = { count: 2, seconds: 600 };
    const minutes = (r: Awaited<ReturnType<typeof hitKey>>) => (r.ok ? "ok" : Math.round(r.retryAfter / 60));
    const round = async () => {
      const got = [];
      for (let i = 0; i < 3; i++) got.push(minutes(await hitKey(key, rule, { backoff: true })));
      return got;
    };
    expect(await round()).toEqual(["ok", "ok", 10]);
    await expireWindow(key);
    // A new window gives its tries again; tripping it waits twice as long as the last wait.
    expect(await round()).toEqual(["ok", "ok", 20]);
    await expireWindow(key);
    expect(await round()).toEqual(["ok", "ok", 40]);
    // The memory is a row of its own; once it ends (two days after the last refusal), the wait starts over.
    await expireWindow(`${key}:backoff`);
    await expireWindow(key);
    expect(await round()).toEqual(["ok", "ok", 10]);
    await clearKey(key);
    const db = await getDb();
    expect(
      await db
        .select()
        .from(rateLimits)
        .where(eq(rateLimits.key, `${key}:backoff`)),
    ).toEqual([]);
  });

  it("does not back off without being asked to", async () => {
    const key = fresh();
    const rule = { count: 1, seconds: 600 };
    await hitKey(key, rule);
    for (let i = 0; i < 4; i++) {
      const r = await hitKey(key, rule);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.retryAfter).toBeLessThanOrEqual(600);
    }
  });

  it("hashes the key parts, so the table holds no address or name", async () => {
    const key = limitKey("sign_up_ip", ["198.51.100.9"]);
    expect(key).toMatch(/^sign_up_ip:[A-Za-z0-9_-]{32}$/);
    expect(key).not.toContain("198.51");
    expect(limitKey("sign_up_ip", ["198.51.100.9"])).toBe(key);
    expect(limitKey("sign_up_ip", ["198.51.100.10"])).not.toBe(key);
  });

  it("reads named limits from the environment defaults", async () => {
    const parts = [fresh()];
    expect(await hit("verify_resend_account", parts)).toMatchObject({ ok: true, remaining: 0 });
    const second = await hit("verify_resend_account", parts);
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.retryAfter).toBeLessThanOrEqual(60);
  });
});
