import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { users } from "@/db/schema";
import { voidEmailTokens } from "../email-tokens/tokens";

/**
 * The one way an account's email address changes (today: a confirmed email change; an operator's edit
 * later must come here too). In the caller's transaction it sets the address (verified: the link
 * proved it) and voids every emailed link of the account — pending email changes, reset links and
 * verification links — so a link sent for the old state of the account can never be used afterwards.
 * Returns the address the account had, or null when there is no such account.
 */
export async function setAccountEmail(
  tx: Db | Tx,
  userId: string,
  email: string,
): Promise<{ previous: string } | null> {
  const [before] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).for("update");
  if (!before) return null;
  await tx
    .update(users)
    .set({ email, emailVerifiedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
  await voidEmailTokens(userId, ["reset_password", "verify_email", "change_email"], tx);
  return { previous: before.email };
}
