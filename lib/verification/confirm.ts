import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { uniqueViolation } from "../db-errors";
import { INVALID_LINK, redeemEmailToken } from "../email-tokens/tokens";
import { sendMail } from "../email/outbox";
import { emailChangedNotice } from "../email/templates";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import type { ClientInfo } from "../client-info";
import { describeDevice } from "../sessions/device";
import { revokeOtherSessions } from "../sessions/revoke";
import { setAccountEmail } from "../users/set-email";
import { emitUserWebhook } from "../users/webhook";

/** The session confirming, when the confirmer is signed in: it alone survives an email change. */
export type Confirmer = { userId: string; sessionId: string } | null;

/**
 * Confirms an address from an emailed link: a sign-up verification (the account's address is now
 * verified) or an email change. An email change, in the token's transaction: the account takes the new
 * address (lib/users/set-email.ts voids every other emailed link), and every session of the account
 * ends but the confirmer's own (when they are signed in to it); then the old address gets a notice
 * (when, device, address, what to do). A link voided by a newer request, a password change or reset,
 * or another email change is simply not there any more: the same answer as a used or expired one.
 */
export async function confirmEmail(
  token: unknown,
  client: ClientInfo,
  confirmer: Confirmer = null,
): Promise<Result<{ userId: string; email: string; changed: boolean }>> {
  const db = await getDb();
  let result: Result<{ userId: string; email: string; changed: boolean; previous?: string }>;
  try {
    result = await db.transaction(async (tx) => {
      const row = await redeemEmailToken(token, ["verify_email", "change_email"], tx);
      if (!row) return fail("validation", INVALID_LINK, { fields: { token: [INVALID_LINK] } });
      if (row.purpose === "verify_email") {
        // Only the address the link was sent to: a link for an address since replaced verifies nothing.
        const updated = await tx
          .update(users)
          .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
          .where(and(eq(users.id, row.userId), eq(users.email, row.email)))
          .returning({ id: users.id });
        if (!updated.length) return fail("validation", INVALID_LINK, { fields: { token: [INVALID_LINK] } });
        await emitUserWebhook("user.email_verified", row.userId, tx, {});
        return ok({ userId: row.userId, email: row.email, changed: false });
      }
      const set = await setAccountEmail(tx, row.userId, row.email);
      if (!set) return fail("validation", INVALID_LINK, { fields: { token: [INVALID_LINK] } });
      await emitUserWebhook("user.email_changed", row.userId, tx, { previousEmail: set.previous });
      const keep = confirmer?.userId === row.userId ? confirmer.sessionId : null;
      await revokeOtherSessions(row.userId, keep, tx, "email_changed");
      if (set.previous) {
        await sendMail(
          emailChangedNotice(set.previous, {
            newAddress: row.email,
            at: new Date(),
            device: describeDevice(client.userAgent),
            ip: client.ip,
          }),
          tx,
        );
      }
      return ok({ userId: row.userId, email: row.email, changed: true, previous: set.previous });
    });
  } catch (error) {
    // Someone registered the new address after the link was sent: the change cannot happen.
    if (uniqueViolation(error) === null) throw error;
    const taken = "An account with this email already exists.";
    return fail("validation", taken, { fields: { token: [taken] } });
  }
  if (!result.ok) return result;
  const { previous, ...value } = result.value;
  if (value.changed && previous) {
    await recordEvent("email_change.confirmed", { ...client, userId: value.userId });
  }
  return ok(value);
}
