import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox, recoveryCodes, users } from "@/db/schema";
import { NO_CLIENT } from "@/vitest/people";
import { enrolled } from "@/vitest/two-factor";
import { stopOutbox } from "../email/outbox-worker";
import { disableTotp } from "./totp";

// The worker stays off: the rows are looked at as the transactions left them.
beforeAll(() => stopOutbox());

const OFF = "Two-factor sign-in is off for your Accounts account";
const rows = async (to: string, subject: string) =>
  (await getDb())
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, to), eq(mailOutbox.subject, subject)));

/** Makes the outbox refuse the "off" notice for one address, as a failed insert would. */
async function refuseOffNoticeTo(to: string) {
  const db = await getDb();
  await db.execute(
    sql.raw(
      `alter table mail_outbox add constraint refuse_off_notice check (not ("to" = '${to}' and subject = '${OFF}')) not valid`,
    ),
  );
  return () => db.execute(sql.raw("alter table mail_outbox drop constraint refuse_off_notice"));
}

describe("two-factor notices commit with the change", () => {
  let allow: (() => Promise<unknown>) | null = null;
  afterAll(async () => {
    await allow?.();
  });

  it("turning on queues exactly one notice; turning off: no notice when the change failed, one when it committed", async () => {
    const { user, caller } = await enrolled("nt");
    expect(await rows(user.email, "Two-factor sign-in is on for your Accounts account")).toHaveLength(1);

    // The notice cannot be written: the change rolls back with it (still on, codes kept).
    allow = await refuseOffNoticeTo(user.email);
    await expect(disableTotp(caller, NO_CLIENT)).rejects.toThrow();
    const db = await getDb();
    const [still] = await db.select({ on: users.totpEnabledAt }).from(users).where(eq(users.id, user.id));
    expect(still!.on).not.toBeNull();
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(10);
    expect(await rows(user.email, OFF)).toHaveLength(0);
    await allow();
    allow = null;

    // Committed: off, and exactly one notice row.
    expect(await disableTotp(caller, NO_CLIENT)).toEqual({ ok: true, value: undefined });
    const [off] = await db.select({ on: users.totpEnabledAt }).from(users).where(eq(users.id, user.id));
    expect(off!.on).toBeNull();
    expect(await rows(user.email, OFF)).toHaveLength(1);
    // Nothing to turn off: no change, no notice.
    expect(await disableTotp(caller, NO_CLIENT)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await rows(user.email, OFF)).toHaveLength(1);
  });
});
