import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { rateLimits, securityEvents, users } from "@/db/schema";
import { newUser, NO_CLIENT, PASSWORD } from "@/vitest/people";
import { codeAt } from "@/vitest/two-factor";
import { signIn } from "../auth/sign-in";
import { limitKey } from "../security/rate-limit";
import { resolveSessionToken } from "../sessions/resolve";
import { confirmTotp, startTotp } from "./totp";
import { unfoldTries } from "@/vitest/tries";

/**
 * Wrong codes while turning two-factor on count per account (`totp_enrol_account`, 5 per 15 minutes by
 * default): each wrong one writes an `mfa.failed` row and a log line, so without a limit a session could
 * grow the events table and the log without bound.
 */
beforeAll(() => getDb()); // migrations run here, outside any test's time limit

const CLIENT = { ip: "198.51.100.77", userAgent: "vitest" };

async function pendingSetUp(prefix: string) {
  const user = await newUser(prefix);
  const signedIn = await signIn({ login: user.username, password: PASSWORD }, "api", NO_CLIENT);
  if (!signedIn.ok) throw new Error("sign-in failed");
  const caller = (await resolveSessionToken(signedIn.value.session.token))!;
  const started = await startTotp(caller);
  if (!started.ok) throw new Error("start failed");
  return { user, caller, secret: started.value.secret };
}

/** A six-digit code that none of the steps the check accepts (previous, current, next) shows. */
async function wrongCode(secret: string): Promise<string> {
  const near = new Set(await Promise.all([-1, 0, 1, 2].map((s) => codeAt(secret, s))));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!near.has(code)) return code;
  }
}

const eventsOf = async (userId: string) => {
  const rows = await (
    await getDb()
  )
    .select({ type: securityEvents.type, detail: securityEvents.detail })
    .from(securityEvents)
    .where(eq(securityEvents.userId, userId));
  return {
    failed: unfoldTries(rows.filter((r) => r.type === "mfa.failed")).length, // summarised per window
    limitHits: rows.filter((r) => r.type === "rate_limit.hit").map((r) => r.detail),
  };
};
const isOn = async (userId: string) => {
  const [row] = await (await getDb()).select({ on: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  return row!.on !== null;
};
const counter = async (userId: string) =>
  (
    await (
      await getDb()
    )
      .select({ count: rateLimits.count })
      .from(rateLimits)
      .where(and(eq(rateLimits.key, limitKey("totp_enrol_account", [userId])), sql`${rateLimits.resetAt} > now()`))
  )[0]?.count ?? 0;

describe("wrong codes while turning two-factor on", () => {
  it("the 6th wrong code in the window is refused (429) with no mfa.failed row; a right code after it works", async () => {
    const { user, caller, secret } = await pendingSetUp("el");
    const wrong = await wrongCode(secret);
    for (let i = 0; i < 5; i++)
      expect(await confirmTotp(caller, { code: wrong }, CLIENT)).toMatchObject({
        ok: false,
        error: { code: "validation", fields: { code: [expect.any(String)] } },
      });
    expect((await eventsOf(user.id)).failed).toBe(5);

    const refused = await confirmTotp(caller, { code: wrong }, CLIENT);
    expect(refused).toMatchObject({ ok: false, error: { code: "rate_limited", message: /Too many attempts/ } });
    if (refused.ok) throw new Error("unreachable");
    expect(refused.error.retryAfter).toBeGreaterThan(0);
    expect(refused.error.retryAfter).toBeLessThanOrEqual(900);
    // Over the limit no code is checked, so even the right one waits; and the refusals write at most one
    // `rate_limit.hit` (once a minute), never another `mfa.failed`.
    expect(await confirmTotp(caller, { code: await codeAt(secret) }, CLIENT)).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
    for (let i = 0; i < 5; i++)
      expect(await confirmTotp(caller, { code: wrong }, CLIENT)).toMatchObject({ error: { code: "rate_limited" } });
    expect(await eventsOf(user.id)).toEqual({ failed: 5, limitHits: [{ limit: "totp_enrol_account" }] });
    expect(await isOn(user.id)).toBe(false);

    // The window passes: the right code turns two-factor on.
    const ended = await (
      await getDb()
    )
      .update(rateLimits)
      .set({ resetAt: sql`now() - interval '1 second'` })
      .where(eq(rateLimits.key, limitKey("totp_enrol_account", [user.id])))
      .returning();
    expect(ended).toHaveLength(1);
    const on = await confirmTotp(caller, { code: await codeAt(secret) }, CLIENT);
    expect(on).toMatchObject({ ok: true, value: { recoveryCodes: expect.any(Array) } });
    expect(await isOn(user.id)).toBe(true);
  });

  it("a right code is given back: four wrong and a right one leave four counted", async () => {
    const { user, caller, secret } = await pendingSetUp("eg");
    const wrong = await wrongCode(secret);
    for (let i = 0; i < 4; i++) await confirmTotp(caller, { code: wrong }, CLIENT);
    expect(await counter(user.id)).toBe(4);
    expect((await confirmTotp(caller, { code: await codeAt(secret) }, CLIENT)).ok).toBe(true);
    expect(await counter(user.id)).toBe(4);
  });

  it("a malformed code is no guess: refused by the schema, not counted, not recorded", async () => {
    const { user, caller } = await pendingSetUp("em");
    for (let i = 0; i < 8; i++)
      expect(await confirmTotp(caller, { code: "12ab" }, CLIENT)).toMatchObject({ error: { code: "validation" } });
    expect(await counter(user.id)).toBe(0);
    expect((await eventsOf(user.id)).failed).toBe(0);
  });

  it("the limit is the account's: another account's wrong codes do not count against it", async () => {
    const first = await pendingSetUp("ea");
    const second = await pendingSetUp("eb");
    const wrong = await wrongCode(first.secret);
    for (let i = 0; i < 6; i++) await confirmTotp(first.caller, { code: wrong }, CLIENT);
    expect((await confirmTotp(second.caller, { code: await codeAt(second.secret) }, CLIENT)).ok).toBe(true);
  });
});
