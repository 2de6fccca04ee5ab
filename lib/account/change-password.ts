import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
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
import { emitUserWebhook } from "../users/webhook";
import { changePasswordSchema, setPasswordSchema } from "../users/schemas";
import { currentPasswordHash } from "../users/password-check";
import { REAUTH_REQUIRED_MESSAGE, requireRecentAuth, type WithProof } from "../security/recent-auth";

/**
 * Changes the caller's password after checking the current one, and in the same transaction ends
 * every other session of the account (browser and API), every pending two-factor sign-in challenge
 * (opened with the old password) and every pending email-change link; the caller's own session stays.
 * A notice is mailed to the account's address.
 *
 * Every problem is reported in one answer: the new password's rules and policy, and a wrong current
 * password (checked, and counted, whenever one was given), with `formProblems` — what the form found
 * itself (the confirmation differs) — beside them; any of them and nothing changes.
 *
 * An account without a password **sets** one here: no current password is asked (any sent is ignored);
 * `session`'s recent re-authentication stands in for it (403 `reauthentication_required` outside the window,
 * checked first, so the form asks "Confirm it is you" and sends the same values again). The write only lands
 * while the account still has no password (a password set meanwhile by another request refuses this one), and
 * it ends the same things a change does. Recorded as `password.changed` with `set: true`.
 */
export async function changePassword(
  userId: string,
  currentSessionId: string | null,
  input: unknown,
  client: ClientInfo,
  formProblems: FieldErrors = {},
  session?: WithProof["session"],
): Promise<Result<{ revokedSessions: number }>> {
  if ((await currentPasswordHash(userId)) === null)
    return setFirstPassword(userId, currentSessionId, input, client, formProblems, session);
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
      session,
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
  const written = await writePassword(userId, currentSessionId, parsed.value.newPassword, false);
  if (!written) return fail("not_found", "This account no longer exists.");
  await recordEvent("password.changed", { ...client, userId, detail: { revokedSessions: written.revokedSessions } });
  return ok(written);
}

/** The password-less branch of changePassword: the recent proof, the new password's rules, the write. */
async function setFirstPassword(
  userId: string,
  currentSessionId: string | null,
  input: unknown,
  client: ClientInfo,
  formProblems: FieldErrors,
  session: WithProof["session"] | undefined,
): Promise<Result<{ revokedSessions: number }>> {
  const fresh = session
    ? requireRecentAuth({ session })
    : fail("forbidden", REAUTH_REQUIRED_MESSAGE, { reason: "reauthentication_required" });
  if (!fresh.ok) return fresh;
  const parsed = validate(setPasswordSchema, input);
  const fields: FieldErrors = { ...formProblems, ...(parsed.ok ? {} : parsed.error.fields) };
  if (parsed.ok) {
    const weak = await newPasswordProblem(userId, parsed.value.newPassword);
    if (weak) fields.newPassword = [weak];
  }
  if (!parsed.ok || Object.keys(fields).length) return fail("validation", FIX_FIELDS, { fields });
  const written = await writePassword(userId, currentSessionId, parsed.value.newPassword, true);
  if (!written) return fail("conflict", PASSWORD_SET_MEANWHILE);
  const { revokedSessions } = written;
  await recordEvent("password.changed", { ...client, userId, detail: { revokedSessions, set: true } });
  return ok(written);
}

export const PASSWORD_SET_MEANWHILE =
  "Your account has a password now. Reload the page and change it with your current password.";

/**
 * Writes the new hash and, in the same transaction, ends what the old proof opened. `onlyIfNone`: lands only
 * while the account has no password (null when it has one by now, or is gone).
 */
async function writePassword(
  userId: string,
  currentSessionId: string | null,
  newPassword: string,
  onlyIfNone: boolean,
): Promise<{ revokedSessions: number } | null> {
  const passwordHash = await hashPassword(newPassword);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(onlyIfNone ? and(eq(users.id, userId), isNull(users.passwordHash)) : eq(users.id, userId))
      .returning({ email: users.email });
    if (!row) return null;
    // A pending email change dies with the old password: whoever asked for it may be the intruder
    // the owner is locking out.
    await voidEmailTokens(userId, ["change_email"], tx);
    await endMfaChallenges(userId, tx);
    await sendMail(passwordChangedNotice(row.email), tx);
    await emitUserWebhook("user.password_changed", userId, tx, { how: onlyIfNone ? "set" : "changed" });
    return { revokedSessions: await revokeOtherSessions(userId, currentSessionId, tx, "password_changed") };
  });
}
