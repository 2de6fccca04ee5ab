import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { issueEmailToken } from "../email-tokens/tokens";
import { appLink } from "../email/links";
import { sendMail } from "../email/outbox";
import { verificationMail } from "../email/templates";
import { getEnv } from "../env";
import { fail, ok, type Result } from "../result";
import { hit } from "../security/rate-limit";

/**
 * Sends a verification link to the address stored on the account (never one from the request). At
 * most one mail a minute per account (LIMIT_VERIFY_RESEND_ACCOUNT); an already verified address gets nothing and no error.
 */
export async function sendVerification(
  userId: string,
  opts: { resend: boolean } = { resend: true },
): Promise<Result<{ sent: boolean }>> {
  const db = await getDb();
  const [user] = await db
    .select({ email: users.email, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return fail("not_found", "This account no longer exists.");
  if (user.verifiedAt) return ok({ sent: false });
  // Every send counts (the one at sign-up too), so a resend right after sign-up is refused.
  const limit = await hit("verify_resend_account", [userId]);
  if (!limit.ok && opts.resend) {
    return fail("rate_limited", "A link was sent a moment ago. Check your inbox, or try again shortly.", {
      retryAfter: limit.retryAfter,
    });
  }
  const ttl = getEnv().VERIFY_TOKEN_TTL_MINUTES;
  await db.transaction(async (tx) => {
    const token = await issueEmailToken(userId, "verify_email", user.email, ttl, tx);
    await sendMail(verificationMail(user.email, appLink("/verify-email", token), Math.round(ttl / 60)), tx);
  });
  return ok({ sent: true });
}
