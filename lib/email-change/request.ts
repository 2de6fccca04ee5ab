import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { issueEmailToken } from "../email-tokens/tokens";
import { appLink } from "../email/links";
import { sendMail } from "../email/outbox";
import { emailChangeMail, emailChangeNotice } from "../email/templates";
import { getEnv } from "../env";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import type { ClientInfo } from "../sessions/client-info";
import { isCurrentPassword } from "../users/password-check";
import { TAKEN } from "../users/register";
import { validate } from "../validation";
import { emailChangeSchema } from "./schemas";

export const WRONG_PASSWORD_FOR_EMAIL = "Enter your current password to change your email address.";

/**
 * Starts an email change: asks for the current password, refuses an address already in use, then
 * sends a confirmation link to the new address and a notice to the old one. The account keeps its old
 * address until the link is followed (lib/verification/confirm.ts).
 */
export async function requestEmailChange(
  userId: string,
  input: unknown,
  client: ClientInfo,
): Promise<Result<{ pendingEmail: string | null }>> {
  const parsed = validate(emailChangeSchema, input);
  if (!parsed.ok) return parsed;
  const { email, currentPassword } = parsed.value;
  if (!currentPassword || !(await isCurrentPassword(userId, currentPassword))) {
    return fail("forbidden", WRONG_PASSWORD_FOR_EMAIL, { fields: { currentPassword: [WRONG_PASSWORD_FOR_EMAIL] } });
  }
  const db = await getDb();
  const [me] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!me) return fail("not_found", "This account no longer exists.");
  if (me.email === email) return ok({ pendingEmail: null });
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (taken) return fail("conflict", TAKEN.email, { fields: { email: [TAKEN.email] } });

  const ttl = getEnv().VERIFY_TOKEN_TTL_MINUTES;
  const token = await issueEmailToken(userId, "change_email", email, ttl);
  sendMail(emailChangeMail(email, appLink("/verify-email", token), Math.round(ttl / 60)));
  sendMail(emailChangeNotice(me.email, email));
  await recordEvent("email_change.requested", { ...client, userId });
  return ok({ pendingEmail: email });
}
