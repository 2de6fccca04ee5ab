import "server-only";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { emailTokens, type EmailTokenRow } from "@/db/schema";
import { hashToken, isWellFormedToken, newToken } from "../crypto/tokens";

/** What every emailed link answers when it is unknown, spent or expired. */
export const INVALID_LINK = "This link is invalid or has expired. Ask for a new one.";

export type Purpose = EmailTokenRow["purpose"];

/** Stores a new single-use token (only its SHA-256) and returns the token for the link. */
export async function issueEmailToken(
  userId: string,
  purpose: Purpose,
  email: string,
  ttlMinutes: number,
  tx?: Db | Tx,
): Promise<string> {
  const { token, hash } = newToken();
  const db = tx ?? (await getDb());
  await db.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: hash,
    email,
    expiresAt: new Date(Date.now() + ttlMinutes * 60_000),
  });
  return token;
}

/**
 * Only a token of an enabled account counts. Disabling an account voids its tokens (lib/admin/manage.ts),
 * and this condition sits in the very statement that reads or spends a token, so a token row left over
 * (or one the disabling transaction has not reached yet) still changes nothing.
 *
 * Spending locks the account's row (`for no key update`) before its token, and holds it until the redeeming
 * transaction ends: a disabling that comes first is waited for and then seen; one that comes second waits,
 * so the account cannot be disabled between the spend and the change it pays for. Two confirms of one link
 * queue on the account's row, so the second finds the token gone (a shared lock let both through to the
 * token, then each waited for the other: a deadlock). The disabling takes the same order, account then token.
 */
// Written out with table names: drizzle may leave columns unqualified in a one-table statement.
const ofEnabledAccount = (lock: "lock" | "read") =>
  lock === "lock"
    ? sql`exists (select 1 from users u where u.id = "email_tokens"."user_id"
        and u.disabled_at is null for no key update of u)`
    : sql`exists (select 1 from users u where u.id = "email_tokens"."user_id" and u.disabled_at is null)`;

/**
 * Checks and spends a token in one statement (DELETE … RETURNING), so of two racing confirms exactly
 * one gets the row. Malformed, unknown, used and expired tokens, and those of a disabled account, all
 * answer null.
 */
export async function redeemEmailToken(
  token: unknown,
  purposes: Purpose[],
  tx?: Db | Tx,
): Promise<EmailTokenRow | null> {
  if (typeof token !== "string" || !isWellFormedToken(token)) return null;
  const db = tx ?? (await getDb());
  const [row] = await db
    .delete(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        inArray(emailTokens.purpose, purposes),
        gt(emailTokens.expiresAt, sql`now()`),
        ofEnabledAccount("lock"),
      ),
    )
    .returning();
  return row ?? null;
}

/** Reads a live token without spending it (to check a new password against its account first). */
export async function peekEmailToken(token: unknown, purpose: Purpose): Promise<EmailTokenRow | null> {
  if (typeof token !== "string" || !isWellFormedToken(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        gt(emailTokens.expiresAt, sql`now()`),
        ofEnabledAccount("read"),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** What a page opened from a link may know about it: nothing the link's holder was not sent. */
export type LiveEmailLink = Pick<EmailTokenRow, "userId" | "purpose" | "email" | "expiresAt">;

/**
 * Whether a link is still good, read when its page opens: a plain SELECT, so opening (or a mail scanner's
 * prefetch) spends nothing. Unknown, used, expired and voided tokens, and those of a disabled account, all
 * answer null alike (a used token is deleted, so it cannot be told from one that never existed); the caller
 * learns only what the message carrying the link already said.
 */
export async function peekEmailLink(token: unknown, purposes: Purpose[]): Promise<LiveEmailLink | null> {
  if (typeof token !== "string" || !isWellFormedToken(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      userId: emailTokens.userId,
      purpose: emailTokens.purpose,
      email: emailTokens.email,
      expiresAt: emailTokens.expiresAt,
    })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        inArray(emailTokens.purpose, purposes),
        gt(emailTokens.expiresAt, sql`now()`),
        ofEnabledAccount("read"),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Spends every outstanding token of these purposes for the user. */
export async function voidEmailTokens(userId: string, purposes: Purpose[], tx?: Db | Tx): Promise<void> {
  const db = tx ?? (await getDb());
  await db.delete(emailTokens).where(and(eq(emailTokens.userId, userId), inArray(emailTokens.purpose, purposes)));
}
