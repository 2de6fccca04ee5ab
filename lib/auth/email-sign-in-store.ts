import "server-only";
import { randomInt, timingSafeEqual } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { emailSignIns, users, type UserRow } from "@/db/schema";
import { hashToken, isWellFormedToken, newToken } from "../crypto/tokens";

/**
 * The `email_sign_ins` rows: one pending sign-in message per account (a newer request replaces the row, so
 * the older link and code die with it). The row keeps only SHA-256s: of the link's token, of the 8-digit code
 * (salted with the token's hash, so no table of codes fits every row), and of the asking browser's binding
 * secret (null when a program asked: then the link opens nobody's session, the code still does).
 * Every spend is one `DELETE … RETURNING`, so of racing confirms exactly one gets the row.
 */
export const EMAIL_SIGN_IN_MINUTES = 15;
/** Wrong codes one message survives; the next try is refused even when right, until a new request. */
export const EMAIL_CODE_MAX_FAILURES = 5;

const codeHashOf = (tokenHash: string, code: string) => hashToken(`${tokenHash}.${code}`);
const newCode = () => String(randomInt(0, 100_000_000)).padStart(8, "0");

/** A new message's secrets for `userId`, replacing any pending one (its failures start again at 0). */
export async function issueEmailSignIn(
  userId: string,
  bindingHash: string | null,
  tx: Db | Tx,
): Promise<{ token: string; code: string }> {
  const { token, hash } = newToken();
  const code = newCode();
  const values = {
    tokenHash: hash,
    codeHash: codeHashOf(hash, code),
    bindingHash,
    failures: 0,
    createdAt: sql`now()`,
    expiresAt: sql`now() + ${EMAIL_SIGN_IN_MINUTES}::int * interval '1 minute'`,
  };
  await tx
    .insert(emailSignIns)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: emailSignIns.userId, set: values });
  return { token, code };
}

/** What a link's page may know before anything is spent: the live row's account, and whether this browser asked. */
export type LinkState = { user: UserRow; here: boolean } | null;

/** Reads (never spends) the live message a link's token names. */
export async function peekEmailSignInLink(token: unknown, binding: string | null): Promise<LinkState> {
  if (typeof token !== "string" || !isWellFormedToken(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ user: users, bindingHash: emailSignIns.bindingHash })
    .from(emailSignIns)
    .innerJoin(users, eq(users.id, emailSignIns.userId))
    .where(and(eq(emailSignIns.tokenHash, hashToken(token)), gt(emailSignIns.expiresAt, sql`now()`)))
    .limit(1);
  if (!row) return null;
  return { user: row.user, here: Boolean(binding && row.bindingHash && row.bindingHash === hashToken(binding)) };
}

/** Spends a link: only with the binding of the browser that asked, only while live. Answers the account's id. */
export async function spendEmailSignInLink(token: string, binding: string, tx: Db | Tx): Promise<string | null> {
  const [row] = await tx
    .delete(emailSignIns)
    .where(
      and(
        eq(emailSignIns.tokenHash, hashToken(token)),
        eq(emailSignIns.bindingHash, hashToken(binding)),
        gt(emailSignIns.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: emailSignIns.userId });
  return row?.userId ?? null;
}

export type EmailCodeTry = { id: string; tokenHash: string; right: boolean };

/**
 * A code's try, claimed before the code is compared: one more failure counted on the live message, in one
 * statement, only while it has had fewer than EMAIL_CODE_MAX_FAILURES; so N parallel guesses get at most 5
 * compares. Answers whether the code is right (and the row to spend), or null when no try is left.
 */
export async function claimEmailCodeTry(userId: string, code: string): Promise<EmailCodeTry | null> {
  const db = await getDb();
  const [row] = await db
    .update(emailSignIns)
    .set({ failures: sql`${emailSignIns.failures} + 1` })
    .where(
      and(
        eq(emailSignIns.userId, userId),
        lt(emailSignIns.failures, EMAIL_CODE_MAX_FAILURES),
        gt(emailSignIns.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: emailSignIns.id, tokenHash: emailSignIns.tokenHash, codeHash: emailSignIns.codeHash });
  if (!row) return null;
  const given = Buffer.from(codeHashOf(row.tokenHash, code));
  const stored = Buffer.from(row.codeHash);
  return {
    id: row.id,
    tokenHash: row.tokenHash,
    right: given.length === stored.length && timingSafeEqual(given, stored),
  };
}

/** Spends the message whose right code was given (the row as claimed: a newer request meanwhile voids it). */
export async function spendEmailSignInCode(claimed: EmailCodeTry, tx: Db | Tx): Promise<string | null> {
  const [row] = await tx
    .delete(emailSignIns)
    .where(
      and(
        eq(emailSignIns.id, claimed.id),
        eq(emailSignIns.tokenHash, claimed.tokenHash),
        gt(emailSignIns.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: emailSignIns.userId });
  return row?.userId ?? null;
}
