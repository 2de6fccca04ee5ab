import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { issueEmailToken, voidEmailTokens } from "../email-tokens/tokens";
import { appLink } from "../email/links";
import { sendMail } from "../email/outbox";
import { emailChangeMail, emailChangeNotice } from "../email/templates";
import { getEnv } from "../env";
import { fail, ok, type Result } from "../result";
import { WRONG_PASSWORD } from "../messages";
import { recordEvent } from "../security/events";
import { claimLimit } from "../security/limit-events";
import { checkCurrentPassword } from "../reauth/password";
import type { ClientInfo } from "../client-info";
import type { WithProof } from "../security/recent-auth";
import { TAKEN } from "../users/taken";
import { validate } from "../validation";
import { emailChangeSchema } from "./schemas";

/**
 * Starts an email change: asks for the current password (counted by lib/reauth/password.ts; an account
 * without one needs `session`'s recent re-authentication instead), refuses
 * an address already in use, keeps to the limits (3 an hour per account, `email_change_account`, and 3
 * an hour per new address, `email_change_address`), then sends a confirmation link to the new address
 * and a notice to the old one. Only the latest request stands: its link replaces every earlier one, in
 * one transaction. The account keeps its old address until the link is followed
 * (lib/verification/confirm.ts).
 */
export async function requestEmailChange(
  userId: string,
  input: unknown,
  client: ClientInfo,
  session?: WithProof["session"],
): Promise<Result<{ pendingEmail: string | null }>> {
  const parsed = validate(emailChangeSchema, input);
  if (!parsed.ok) return parsed;
  const { email, currentPassword } = parsed.value;
  const proof = await checkCurrentPassword(userId, currentPassword, {
    purpose: "email_change",
    client,
    field: "currentPassword",
    message: WRONG_PASSWORD,
    session,
  });
  if (!proof.ok) return proof;
  const db = await getDb();
  const [me] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!me) return fail("not_found", "This account no longer exists.");
  if (me.email === email) return ok({ pendingEmail: null });
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (taken) return fail("conflict", TAKEN.email, { fields: { email: [TAKEN.email] } });

  // Each request mails two messages: one account cannot use it as a mail cannon, nor can many
  // accounts aim it at one address.
  for (const [name, subject] of [
    ["email_change_account", userId],
    ["email_change_address", email],
  ] as const) {
    const allowed = await claimLimit(name, [subject], { subject, context: { ...client, userId } });
    if (!allowed.ok) return allowed;
  }

  const ttl = getEnv().VERIFY_TOKEN_TTL_MINUTES;
  await db.transaction(async (tx) => {
    // The account's row is the lock: of two racing requests, the later one's link is the one left.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    await voidEmailTokens(userId, ["change_email"], tx);
    const token = await issueEmailToken(userId, "change_email", email, ttl, tx);
    await sendMail(emailChangeMail(email, appLink("/verify-email", token), Math.round(ttl / 60)), tx);
    await sendMail(emailChangeNotice(me.email, email), tx);
  });
  await recordEvent("email_change.requested", { ...client, userId });
  return ok({ pendingEmail: email });
}
