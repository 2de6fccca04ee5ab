import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox, recoveryCodes, securityEvents } from "@/db/schema";
import { NO_CLIENT } from "@/vitest/people";
import { enrolled } from "@/vitest/two-factor";
import { stopOutbox } from "../email/outbox-worker";
import { PRODUCT } from "../product";
import { disableTotp, regenerateRecoveryCodes } from "./totp";

/**
 * New recovery codes are a factor change like the others: recorded and mailed to the owner, in the
 * transaction that makes them, so the codes, the event and the notice exist together or not at all.
 */
beforeAll(() => stopOutbox()); // the rows stay as the transactions left them

const SUBJECT = `New recovery codes were made for your ${PRODUCT} account`;
const CLIENT = { ip: "198.51.100.23", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };

const mails = async (to: string) =>
  (await getDb())
    .select({ text: mailOutbox.body })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, to), eq(mailOutbox.subject, SUBJECT)));
const events = async (userId: string) =>
  (await getDb())
    .select({ ip: securityEvents.ip, userAgent: securityEvents.userAgent, detail: securityEvents.detail })
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, userId), eq(securityEvents.type, "mfa.recovery_codes_regenerated")));
const storedHashes = async (userId: string) =>
  (
    await (
      await getDb()
    )
      .select({ hash: recoveryCodes.codeHash })
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, userId))
  )
    .map((r) => r.hash)
    .sort();

let allow: (() => Promise<unknown>) | null = null;
/** Makes the outbox refuse the notice for one address, as a failed insert would. */
async function refuseNoticeTo(to: string) {
  const db = await getDb();
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  await db.execute(
    sql.raw(
      `alter table mail_outbox add constraint refuse_regenerated check (not ("to" = ${quote(to)} and subject = ${quote(SUBJECT)})) not valid`,
    ),
  );
  allow = () => db.execute(sql.raw("alter table mail_outbox drop constraint refuse_regenerated"));
}
afterEach(async () => {
  await allow?.();
  allow = null;
});

describe("new recovery codes are recorded and mailed", () => {
  it("records mfa.recovery_codes_regenerated with the client and queues one notice", async () => {
    const { user, caller } = await enrolled("rg");
    const made = await regenerateRecoveryCodes(caller, CLIENT);
    expect(made).toMatchObject({ ok: true, value: { recoveryCodes: expect.any(Array) } });
    expect(await events(user.id)).toEqual([{ ip: CLIENT.ip, userAgent: CLIENT.userAgent, detail: null }]);
    const notices = await mails(user.email);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("no longer work");
    // The notice names no code.
    if (made.ok) for (const code of made.value.recoveryCodes) expect(notices[0]!.text).not.toContain(code);
  });

  it("when the notice cannot be written, the old codes stand and nothing is recorded", async () => {
    const { user, caller } = await enrolled("rf");
    const before = await storedHashes(user.id);
    await refuseNoticeTo(user.email);
    await expect(regenerateRecoveryCodes(caller, NO_CLIENT)).rejects.toThrow();
    expect(await storedHashes(user.id)).toEqual(before);
    expect(await events(user.id)).toHaveLength(0);
    expect(await mails(user.email)).toHaveLength(0);
    await allow!();
    allow = null;

    expect((await regenerateRecoveryCodes(caller, NO_CLIENT)).ok).toBe(true);
    expect(await storedHashes(user.id)).not.toEqual(before);
    expect(await events(user.id)).toHaveLength(1);
    expect(await mails(user.email)).toHaveLength(1);
  });

  it("with two-factor off: not found, nothing recorded, nothing mailed", async () => {
    const { user, caller } = await enrolled("ro");
    expect((await disableTotp(caller, NO_CLIENT)).ok).toBe(true);
    expect(await regenerateRecoveryCodes(caller, NO_CLIENT)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await events(user.id)).toHaveLength(0);
    expect(await mails(user.email)).toHaveLength(0);
  });
});
