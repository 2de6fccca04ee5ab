import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailTokens, mailOutbox, recoveryCodes, securityEvents } from "@/db/schema";
import { NO_CLIENT, newUser, PASSWORD } from "@/vitest/people";
import { challengeFor, enrolled } from "@/vitest/two-factor";
import { sendResetAsAdmin } from "../admin/manage";
import { completeMfaSignIn } from "../auth/second-step";
import { signIn } from "../auth/sign-in";
import { setRoleByLogin } from "../admin/grant";
import { PRODUCT } from "../product";
import { checkReauthRecoveryCode } from "../reauth/code";
import { resolveSessionToken } from "../sessions/resolve";
import { stopOutbox } from "./outbox-worker";

/**
 * Mail is written in the transaction of the change that causes it: a notice row exists exactly when its
 * change committed. Each case makes the outbox refuse one message (as a failed insert would), sees the
 * change roll back with it, then lets it through and sees exactly one row.
 */
beforeAll(() => stopOutbox()); // the rows stay as the transactions left them

const rows = async (to: string, subject: string) =>
  (await getDb())
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, to), eq(mailOutbox.subject, subject)));
const events = async (userId: string, type: string) =>
  (await getDb())
    .select({ detail: securityEvents.detail })
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, userId), eq(securityEvents.type, type)));
const codesLeft = async (userId: string) =>
  (await getDb()).select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId));

let allow: (() => Promise<unknown>) | null = null;
async function refuse(to: string, subject: string) {
  const db = await getDb();
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  await db.execute(
    sql.raw(
      `alter table mail_outbox add constraint refuse_one check (not ("to" = ${quote(to)} and subject = ${quote(subject)})) not valid`,
    ),
  );
  allow = () => db.execute(sql.raw("alter table mail_outbox drop constraint refuse_one"));
}
afterEach(async () => {
  await allow?.();
  allow = null;
});

describe("notices commit with their change", () => {
  it("a recovery code used to sign in: not spent, not recorded, no session when its notice fails; once when it commits", async () => {
    const { user, recoveryCodes: codes } = await enrolled("ncs");
    const subject = `A recovery code was used to sign in to your ${PRODUCT} account`;
    await refuse(user.email, subject);
    const challenge = await challengeFor(user.username);
    await expect(completeMfaSignIn({ challenge, recoveryCode: codes[0] }, "api", NO_CLIENT)).rejects.toThrow();
    expect(await codesLeft(user.id)).toHaveLength(10);
    expect(await events(user.id, "mfa.recovery_code_used")).toHaveLength(0);
    expect(await rows(user.email, subject)).toHaveLength(0);
    await allow!();
    allow = null;

    const signedIn = await completeMfaSignIn({ challenge, recoveryCode: codes[0] }, "api", NO_CLIENT);
    expect(signedIn).toMatchObject({ ok: true, value: { user: { twoFactor: { recoveryCodesLeft: 9 } } } });
    expect(await codesLeft(user.id)).toHaveLength(9);
    expect(await events(user.id, "mfa.recovery_code_used")).toEqual([{ detail: { left: 9 } }]);
    expect(await rows(user.email, subject)).toHaveLength(1);
  });

  it("a recovery code used to re-authenticate: the same", async () => {
    const { user, recoveryCodes: codes } = await enrolled("ncr");
    const subject = `A recovery code was used to confirm it is you on your ${PRODUCT} account`;
    const opts = { client: NO_CLIENT, field: "recoveryCode", message: "That recovery code is not right." };
    await refuse(user.email, subject);
    await expect(checkReauthRecoveryCode(user, codes[1]!, opts)).rejects.toThrow();
    expect(await codesLeft(user.id)).toHaveLength(10);
    expect(await rows(user.email, subject)).toHaveLength(0);
    await allow!();
    allow = null;

    expect(await checkReauthRecoveryCode(user, codes[1]!, opts)).toEqual({ ok: true, value: undefined });
    expect(await codesLeft(user.id)).toHaveLength(9);
    expect(await events(user.id, "mfa.recovery_code_used")).toEqual([
      { detail: { purpose: "reauthenticate", left: 9 } },
    ]);
    expect(await rows(user.email, subject)).toHaveLength(1);
  });

  it("an administrator's reset link: no token and no event when its mail fails; one of each when it commits", async () => {
    const admin = await newUser("nca");
    expect((await setRoleByLogin(admin.username, "admin")).ok).toBe(true);
    const session = await signIn({ login: admin.username, password: PASSWORD }, "api", NO_CLIENT);
    if (!session.ok) throw new Error("sign-in failed");
    const actor = (await resolveSessionToken(session.value.session.token))!;
    const target = await newUser("nct");
    const subject = `Reset your ${PRODUCT} password`;
    const resetTokens = async () =>
      (await getDb())
        .select()
        .from(emailTokens)
        .where(and(eq(emailTokens.userId, target.id), eq(emailTokens.purpose, "reset_password")));

    await refuse(target.email, subject);
    await expect(sendResetAsAdmin(actor, target.id, NO_CLIENT)).rejects.toThrow();
    expect(await resetTokens()).toHaveLength(0);
    expect(await events(target.id, "admin.password_reset_sent")).toHaveLength(0);
    await allow!();
    allow = null;

    expect(await sendResetAsAdmin(actor, target.id, NO_CLIENT)).toEqual({ ok: true, value: undefined });
    expect(await resetTokens()).toHaveLength(1);
    expect(await events(target.id, "admin.password_reset_sent")).toEqual([{ detail: { sent: true } }]);
    expect(await rows(target.email, subject)).toHaveLength(1);
  });
});
