import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { startMailbox } from "@/vitest/mailbox";
import { NO_CLIENT, PASSWORD } from "@/vitest/people";
import { enrolled } from "@/vitest/two-factor";
import { deleteAccount } from "../account/delete-account";
import { createSession } from "../sessions/create";
import { resolveSessionToken } from "../sessions/resolve";
import { recoveryCodesLeft, spendRecoveryCode } from "./recovery-codes";
import { disableTotp, regenerateRecoveryCodes } from "./totp";

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

/** The column the caller lookup reads, and the codes actually stored: they must agree. */
async function leftAndStored(userId: string) {
  const db = await getDb();
  const [row] = await db.select({ left: users.recoveryCodesLeft }).from(users).where(eq(users.id, userId));
  const [stored] = await db.select({ n: count() }).from(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  return { left: row!.left, stored: stored!.n };
}

const spend = (user: { id: string; email: string }, code: string) =>
  spendRecoveryCode(user, code, { purpose: "sign_in", client: NO_CLIENT });

describe("the codes left, kept on the account's row (migration 0016's triggers)", () => {
  it("follows set-up, each use, new codes and two-factor turned off; the caller lookup reads it", async () => {
    const { user, caller, recoveryCodes: codes } = await enrolled("cl");
    expect(await leftAndStored(user.id)).toEqual({ left: 10, stored: 10 });

    expect(await spend(user, codes[0]!)).toEqual({ left: 9 });
    expect(await spend(user, codes[0]!)).toBeNull();
    expect(await leftAndStored(user.id)).toEqual({ left: 9, stored: 9 });
    expect(await recoveryCodesLeft(user.id)).toBe(9);
    const { token } = await createSession(user.id, "api", NO_CLIENT);
    expect((await resolveSessionToken(token))!.user.twoFactor).toEqual({ totp: true, recoveryCodesLeft: 9 });

    const made = await regenerateRecoveryCodes(caller, NO_CLIENT);
    expect(made.ok).toBe(true);
    expect(await leftAndStored(user.id)).toEqual({ left: 10, stored: 10 });

    expect((await disableTotp(caller, NO_CLIENT)).ok).toBe(true);
    expect(await leftAndStored(user.id)).toEqual({ left: 0, stored: 0 });
  });

  it("uses at once: one code raced 6 times is spent once, 4 others once each; the count stays the codes stored", async () => {
    const { user, recoveryCodes: codes } = await enrolled("cl");
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => spend(user, codes[0]!)),
      ...codes.slice(1, 5).map((code) => spend(user, code)),
    ]);
    expect(results.filter((r) => r !== null)).toHaveLength(5);
    expect(await leftAndStored(user.id)).toEqual({ left: 5, stored: 5 });
  });

  it("a use racing new codes or two-factor turned off: no deadlock, no error, and the count agrees", async () => {
    for (const other of ["regenerate", "disable"] as const) {
      const { user, caller, recoveryCodes: codes } = await enrolled("cl");
      const change = () =>
        other === "regenerate" ? regenerateRecoveryCodes(caller, NO_CLIENT) : disableTotp(caller, NO_CLIENT);
      const [spent, changed] = await Promise.all([
        Promise.all(codes.slice(0, 3).map((code) => spend(user, code))),
        change(),
      ]);
      expect(changed.ok).toBe(true);
      const after = await leftAndStored(user.id);
      expect(after.left).toBe(after.stored);
      // Each use landed before the change (then voided with the old codes) or found its code gone.
      expect(after.stored).toBe(other === "regenerate" ? 10 : 0);
      expect(spent.every((r) => r === null || r.left >= 0)).toBe(true);
    }
  });

  it("deleting the account takes its codes with it without an error", async () => {
    const { user } = await enrolled("cl");
    const deleted = await deleteAccount(user.id, { password: PASSWORD }, NO_CLIENT);
    expect(deleted.ok).toBe(true);
    const db = await getDb();
    const [stored] = await db.select({ n: count() }).from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored!.n).toBe(0);
  });
});
