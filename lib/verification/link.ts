import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { peekEmailLink } from "../email-tokens/tokens";

/** A live verification link, as /verify-email shows it: the address it confirms, and whether it changes one. */
export type VerificationLink = { email: string; change: boolean };

/**
 * Reads a `/verify-email` link without spending it, so the page can name the address it confirms, or say at
 * once that the link is dead. It answers null exactly when the button would fail with INVALID_LINK
 * (lib/verification/confirm.ts): unknown, used, expired or voided, or a sign-up link for an address the
 * account no longer has. The address is the one the message carrying the link was sent to.
 */
export async function verificationLink(token: unknown): Promise<VerificationLink | null> {
  const link = await peekEmailLink(token, ["verify_email", "change_email"]);
  if (!link) return null;
  if (link.purpose === "change_email") return { email: link.email, change: true };
  const db = await getDb();
  const [still] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, link.userId), eq(users.email, link.email)))
    .limit(1);
  return still ? { email: link.email, change: false } : null;
}
