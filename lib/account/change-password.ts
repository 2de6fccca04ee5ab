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
import { fail, ok, type FieldErrors, type Result } from "../result";
import { FIX_FIELDS, WRONG_PASSWORD } from "../messages";
import { validate } from "../validation";
import { newPasswordProblem } from "../users/new-password";
import { changePasswordSchema } from "../users/schemas";

/**
 * Changes the caller's password after checking the current one, and in the same transaction ends
 * every other session of the account (browser and API), every pending two-factor sign-in challenge
 * (opened with the old password) and every pending email-change link; the caller's own session stays.
 * A notice is mailed to the account's address.
 *
 * Every problem is reported in one answer: the new password's rules and policy, and a wrong current
 * password (checked, and counted, whenever one was given), with `formProblems` — what the form found
 * itself (the confirmation differs) — beside them; any of them and nothing changes.
 */
export async function changePassword(
  userId: string,
  currentSessionId: string | null,
  input: unknown,
  client: ClientInfo,
  formProblems: FieldErrors = {},
): Promise<Result<{ revokedSessions: number }>> {
  const parsed = validate(changePasswordSchema, input);
  const fields: FieldErrors = { ...formProblems, ...(parsed.ok ? {} : parsed.error.fields) };
  const raw = (input ?? {}) as { currentPassword?: unknown; newPassword?: unknown };
  if (!fields.newPassword && typeof raw.newPassword === "string") {
    const weak = await newPasswordProblem(userId, raw.newPassword);
    if (weak) fields.newPassword = [weak];
  }
  if (!fields.currentPassword && typeof raw.currentPassword === "string") {
    const proof = await checkCurrentPassword(userId, raw.currentPassword, {
      purpose: "password_change",
      client,
      field: "currentPassword",
      message: WRONG_PASSWORD,
    });
    // Over the re-authentication limit: said in the summary, the other fields' problems kept beside it.
    if (!proof.ok && !proof.error.fields) return { ok: false, error: { ...proof.error, fields } };
    if (!proof.ok) Object.assign(fields, proof.error.fields);
  }
  if (!parsed.ok || Object.keys(fields).length) {
    const wrongPasswordOnly = Object.keys(fields).join() === "currentPassword" && parsed.ok;
    return wrongPasswordOnly
      ? fail("forbidden", WRONG_PASSWORD, { fields })
      : fail("validation", FIX_FIELDS, { fields });
  }
  const { newPassword } = parsed.value;
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
