import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { endApiKeys } from "../api-keys/revoke";
import { clearSignInFailures } from "../auth/lockout";
import { hashPassword } from "../crypto/passwords";
import { peekEmailToken, redeemEmailToken, voidEmailTokens } from "../email-tokens/tokens";
import { sendMail } from "../email/outbox";
import { passwordChangedNotice } from "../email/templates";
import { fail, ok, type FieldErrors, type Result } from "../result";
import { FIX_FIELDS } from "../messages";
import { recordEvent } from "../security/events";
import type { ClientInfo } from "../client-info";
import { revokeOtherSessions } from "../sessions/revoke";
import { endMfaChallenges } from "../two-factor/end-challenges";
import { newPasswordProblem } from "../users/new-password";
import { emitUserWebhook } from "../users/webhook";
import { validate } from "../validation";
import { INVALID_LINK } from "../email-tokens/tokens";
import { passwordResetConfirmSchema } from "./schemas";

/**
 * Sets a new password from a reset link. The new password is checked before the token is spent; then,
 * in one transaction, the token is spent (one winner among racing confirms), the password changes,
 * every session and every pending two-factor sign-in challenge of the account ends, and every other
 * outstanding reset link and every pending email-change link is void. A notice is mailed.
 */
export async function confirmPasswordReset(
  input: unknown,
  client: ClientInfo,
  formProblems: FieldErrors = {},
): Promise<Result<{ userId: string }>> {
  const invalid = fail("validation", INVALID_LINK, { fields: { token: [INVALID_LINK] } });
  const parsed = validate(passwordResetConfirmSchema, input);
  if (!parsed.ok && parsed.error.fields?.token) return invalid;
  const raw = (input ?? {}) as { token?: unknown; newPassword?: unknown };
  const pending = typeof raw.token === "string" ? await peekEmailToken(raw.token, "reset_password") : null;
  if (!pending) return invalid;
  // Every problem of the new password in one answer, with what the form found itself (the confirmation).
  const fields: FieldErrors = { ...formProblems, ...(parsed.ok ? {} : parsed.error.fields) };
  if (!fields.newPassword && typeof raw.newPassword === "string") {
    const weak = await newPasswordProblem(pending.userId, raw.newPassword);
    if (weak) fields.newPassword = [weak];
  }
  if (!parsed.ok || Object.keys(fields).length) return fail("validation", FIX_FIELDS, { fields });
  const { token, newPassword } = parsed.value;

  const passwordHash = await hashPassword(newPassword);
  const db = await getDb();
  const done = await db.transaction(async (tx) => {
    const row = await redeemEmailToken(token, ["reset_password"], tx);
    if (!row) return null;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(users.id, row.userId))
      .returning({ id: users.id, email: users.email });
    if (!user) return null;
    await revokeOtherSessions(user.id, null, tx, "password_reset");
    await endApiKeys(user.id, tx); // every API key dies with a reset too
    await endMfaChallenges(user.id, tx);
    // Other reset links, and any pending email change (which an intruder may have asked for).
    await voidEmailTokens(user.id, ["reset_password", "change_email"], tx);
    await sendMail(passwordChangedNotice(user.email), tx);
    await emitUserWebhook("user.password_changed", user.id, tx, { how: "reset" });
    return user;
  });
  if (!done) return invalid;
  await clearSignInFailures(done.id); // the new password works at once, wherever the failures came from
  await recordEvent("password.reset", { ...client, userId: done.id });
  return ok({ userId: done.id });
}
