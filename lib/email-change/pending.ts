import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { emailTokens, users } from "@/db/schema";
import { issueEmailToken, voidEmailTokens } from "../email-tokens/tokens";
import { appLink } from "../email/links";
import { sendMail } from "../email/outbox";
import { emailChangeMail } from "../email/templates";
import { getEnv } from "../env";
import { fail, ok, type Result } from "../result";
import { claimLimit } from "../security/limit-events";
import type { ClientInfo } from "../client-info";

export const NO_PENDING_CHANGE = "There is no email change waiting to be confirmed.";

/** An email change asked for and not yet confirmed: the new address and when its link stops working. */
export type PendingEmailChange = { email: string; expiresAt: string };

/** The account's pending email change (only the latest request's link stands), or null. */
export async function pendingEmailChange(userId: string): Promise<PendingEmailChange | null> {
  const db = await getDb();
  const [row] = await db
    .select({ email: emailTokens.email, expiresAt: emailTokens.expiresAt })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.userId, userId),
        eq(emailTokens.purpose, "change_email"),
        gt(emailTokens.expiresAt, sql`now()`),
      ),
    )
    .orderBy(sql`${emailTokens.expiresAt} desc`)
    .limit(1);
  return row ? { email: row.email, expiresAt: row.expiresAt.toISOString() } : null;
}

/**
 * Mails a fresh link for the pending change to the address already asked for (the request checked the
 * password; this cannot aim anywhere new). It counts against the same limits as a request (3 an hour per
 * account and per address), and the new link replaces the old one in one transaction.
 */
export async function resendEmailChange(userId: string, client: ClientInfo): Promise<Result<{ email: string }>> {
  const pending = await pendingEmailChange(userId);
  if (!pending) return fail("not_found", NO_PENDING_CHANGE);
  for (const [name, subject] of [
    ["email_change_account", userId],
    ["email_change_address", pending.email],
  ] as const) {
    const allowed = await claimLimit(name, [subject], { subject, context: { ...client, userId } });
    if (!allowed.ok) return allowed;
  }
  const ttl = getEnv().VERIFY_TOKEN_TTL_MINUTES;
  const db = await getDb();
  const sent = await db.transaction(async (tx) => {
    // The account's row is the lock, as for a request: a racing request or confirm goes first or after.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const still = await tx
      .delete(emailTokens)
      .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, "change_email")))
      .returning({ email: emailTokens.email });
    if (!still.some((row) => row.email === pending.email)) return false;
    const token = await issueEmailToken(userId, "change_email", pending.email, ttl, tx);
    await sendMail(emailChangeMail(pending.email, appLink("/verify-email", token), Math.round(ttl / 60)), tx);
    return true;
  });
  return sent ? ok({ email: pending.email }) : fail("not_found", NO_PENDING_CHANGE);
}

/** Withdraws a pending email change: its link stops working; the account keeps its address. */
export async function cancelEmailChange(userId: string): Promise<Result<void>> {
  const pending = await pendingEmailChange(userId);
  if (!pending) return fail("not_found", NO_PENDING_CHANGE);
  await voidEmailTokens(userId, ["change_email"]);
  return ok(undefined);
}
