import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { uniqueViolation } from "../db-errors";
import { redeemEmailToken, voidEmailTokens } from "../email-tokens/tokens";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import type { ClientInfo } from "../sessions/client-info";

export const INVALID_LINK = "This link is invalid or has expired. Ask for a new one.";

/**
 * Confirms an address from an emailed link: a sign-up verification (the account's address is now
 * verified) or an email change (the account now uses the new address, verified, and outstanding reset
 * links are void). The token is spent in the same transaction.
 */
export async function confirmEmail(
  token: unknown,
  client: ClientInfo,
): Promise<Result<{ userId: string; email: string; changed: boolean }>> {
  const db = await getDb();
  let result: Result<{ userId: string; email: string; changed: boolean }>;
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
        return ok({ userId: row.userId, email: row.email, changed: false });
      }
      await tx
        .update(users)
        .set({ email: row.email, emailVerifiedAt: sql`now()`, updatedAt: sql`now()` })
        .where(eq(users.id, row.userId));
      await voidEmailTokens(row.userId, ["reset_password", "verify_email", "change_email"], tx);
      return ok({ userId: row.userId, email: row.email, changed: true });
    });
  } catch (error) {
    // Someone registered the new address after the link was sent: the change cannot happen.
    if (uniqueViolation(error) === null) throw error;
    const taken = "An account with this email already exists.";
    return fail("validation", taken, { fields: { token: [taken] } });
  }
  if (result.ok && result.value.changed) {
    await recordEvent("email_change.confirmed", { ...client, userId: result.value.userId });
  }
  return result;
}
