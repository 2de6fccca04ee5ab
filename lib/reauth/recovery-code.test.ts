import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { securityEvents, sessions } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { NO_CLIENT, PASSWORD } from "@/vitest/people";
import { enrolled } from "@/vitest/two-factor";
import { drainOutbox } from "../email/outbox";
import { recoveryCodesLeft } from "../two-factor/recovery-codes";
import { isRecentlyAuthenticated } from "../security/recent-auth";
import { reauthenticate } from "./reauthenticate";
import { unfoldTries } from "@/vitest/tries";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

/** A two-factor account whose API session last proved itself `minutes` ago. */
async function staleTwoFactorAccount(minutes = 30) {
  const account = await enrolled("rc");
  const db = await getDb();
  const sessionId = account.caller.session.id;
  await db
    .update(sessions)
    .set({ reauthenticatedAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(eq(sessions.id, sessionId));
  const reauthenticatedAt = async () =>
    (await db.select({ at: sessions.reauthenticatedAt }).from(sessions).where(eq(sessions.id, sessionId)))[0]!.at;
  return { ...account, reauthenticatedAt };
}

const eventsOf = async (userId: string, type: "mfa.recovery_code_used" | "mfa.failed") => {
  const db = await getDb();
  const rows = await db
    .select({ detail: securityEvents.detail })
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, userId), eq(securityEvents.type, type)));
  return unfoldTries(rows); // one row per try (failed tries are summarised)
};

describe("re-authentication with a recovery code", () => {
  it("a right code renews reauthenticated_at, is spent, recorded (purpose reauthenticate) and mailed", async () => {
    const { user, caller, recoveryCodes, reauthenticatedAt } = await staleTwoFactorAccount();
    const before = await reauthenticatedAt();
    expect(isRecentlyAuthenticated({ ...caller, session: { ...caller.session, reauthenticatedAt: before } })).toBe(
      false,
    );

    expect(await reauthenticate(caller, { recoveryCode: recoveryCodes[0] }, NO_CLIENT)).toEqual({
      ok: true,
      value: undefined,
    });
    const after = await reauthenticatedAt();
    expect(after.getTime()).toBeGreaterThan(before.getTime());
    expect(isRecentlyAuthenticated({ ...caller, session: { ...caller.session, reauthenticatedAt: after } })).toBe(true);

    expect(await eventsOf(user.id, "mfa.recovery_code_used")).toEqual([
      { detail: { purpose: "reauthenticate", left: 9 } },
    ]);
    await drainOutbox();
    const notice = await mailbox.waitFor(user.email, /recovery code was used to confirm it is you/);
    expect(notice.text).toContain("9 are left");
    expect(notice.text).not.toContain(recoveryCodes[0]!);
  });

  it("each code works once: used again it is wrong (forbidden, on the recoveryCode field) and counted", async () => {
    const { user, caller, recoveryCodes } = await staleTwoFactorAccount();
    const code = recoveryCodes[1]!;
    const both = await Promise.all([
      reauthenticate(caller, { recoveryCode: code }, NO_CLIENT),
      reauthenticate(caller, { recoveryCode: code }, NO_CLIENT),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(await reauthenticate(caller, { recoveryCode: code.toUpperCase() }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "forbidden", fields: { recoveryCode: [expect.any(String)] } },
    });
    expect(await eventsOf(user.id, "mfa.failed")).toEqual([
      { detail: { purpose: "reauthenticate", method: "recovery_code" } },
      { detail: { purpose: "reauthenticate", method: "recovery_code" } },
    ]);
    expect(await eventsOf(user.id, "mfa.recovery_code_used")).toHaveLength(1);
  });

  it("wrong codes count with the account's other current-password checks: after 5, even the password is refused", async () => {
    const { user, caller, recoveryCodes, reauthenticatedAt } = await staleTwoFactorAccount();
    const before = await reauthenticatedAt();
    for (let i = 0; i < 3; i++)
      expect(await reauthenticate(caller, { recoveryCode: `0000-0000-000${i}` }, NO_CLIENT)).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
    for (let i = 0; i < 2; i++)
      expect(await reauthenticate(caller, { password: `not it ${i}` }, NO_CLIENT)).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
    expect(await reauthenticate(caller, { recoveryCode: recoveryCodes[2] }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "rate_limited", retryAfter: expect.any(Number) },
    });
    expect(await reauthenticate(caller, { password: PASSWORD }, NO_CLIENT)).toMatchObject({
      ok: false,
      error: { code: "rate_limited" },
    });
    expect((await reauthenticatedAt()).getTime()).toBe(before.getTime());
    // Refused before it was checked: the code is not spent.
    expect(await recoveryCodesLeft(user.id)).toBe(10);
  });

  it("a recovery code with another proof is a validation error", async () => {
    const { caller, recoveryCodes } = await staleTwoFactorAccount();
    expect(
      await reauthenticate(caller, { recoveryCode: recoveryCodes[0], password: PASSWORD }, NO_CLIENT),
    ).toMatchObject({ ok: false, error: { code: "validation" } });
  });
});
