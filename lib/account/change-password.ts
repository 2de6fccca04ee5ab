import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "../crypto/passwords";
import { sendMail } from "../email/outbox";
import { passwordChangedNotice } from "../email/templates";
import { voidEmailTokens } from "../email-tokens/tokens";
import { recordEvent } from "../security/events";
import { checkCurrentPassword } from "../reauth/password";
import type { ClientInfo } from "../client-info";
import { revokeOtherSessions } from "../sessions/revoke";
import { endMfaChallenges } from "../two-factor/end-challenges";
import { fail, ok, type Result } from "../result";
import { FIX_FIELDS, WRONG_PASSWORD } from "../messages";
import { validate } from "../validation";
import { newPasswordProblem } from "../users/new-password";
import { changePasswordSchema } from "../users/schemas";

/**
 * Changes the caller's password after checking the current one, and in the same transaction ends
 * every other session of the account (browser and API), every pending two-factor sign-in challenge
 * (opened with the old password) and every pending email-change link; the caller's own session stays.
 * A notice is mailed to the account's address.
 */
export async function changePassword(
  userId: string,
  currentSessionId: string | null,
  input: unknown,
  client: ClientInfo,
): Promise<Result<{ revokedSessions: number }>> {
  const parsed = validate(changePasswordSchema, input);
  if (!parsed.ok) return parsed;
  const { currentPassword, newPassword } = parsed.value;
  const proof = await checkCurrentPassword(userId, currentPassword, {
    purpose: "password_change",
    client,
    field: "currentPassword",
    message: WRONG_PASSWORD,
  });
  if (!proof.ok) return proof;
  const weak = await newPasswordProblem(userId, newPassword);
  if (weak) return fail("validation", FIX_FIELDS, { fields: { newPassword: [weak] } });
  const passwordHash = await hashPassword(newPassword);
  const db = await getDb();
  const { revokedSessions } = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    // A pending email change dies with the old password: whoever asked for it may be the intruder
    // the owner is locking out.
    await voidEmailTokens(userId, ["change_email"], tx);
    await endMfaChallenges(userId, tx);
    await sendMail(passwordChangedNotice(row!.email), tx);
    return { revokedSessions: await revokeOtherSessions(userId, currentSessionId, tx) };
  });
  await recordEvent("password.changed", { ...client, userId, detail: { revokedSessions } });
  return ok({ revokedSessions });
}
