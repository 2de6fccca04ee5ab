import "server-only";
import { createHash, randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { sendMail } from "../email/outbox";
import { twoFactorNotice } from "../email/templates";
import { recordEvent } from "../security/events";

export const RECOVERY_CODE_COUNT = 10;
/** Crockford's base32 (no I, L, O, U): 12 characters are 60 bits. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const LENGTH = 12;

/** One code, `xxxx-xxxx-xxxx` (60 bits from the CSPRNG). */
export function newRecoveryCode(): string {
  let raw = "";
  for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** What a person typed, as the code: case, spaces and dashes do not matter; Crockford's look-alikes are read. */
export function normaliseRecoveryCode(input: string): string {
  return input
    .toLowerCase()
    .replace(/[\s-]/g, "")
    .replace(/[ol]/g, (c) => (c === "o" ? "0" : "1"))
    .replace(/i/g, "1");
}

/** SHA-256 of the account id and the normalised code: the only form stored. */
export function hashRecoveryCode(userId: string, code: string): string {
  return createHash("sha256")
    .update(`${userId}:${normaliseRecoveryCode(code)}`)
    .digest("base64url");
}

/**
 * Voids the account's codes and stores 10 new ones (hashed); the codes themselves are returned once.
 * New codes (two-factor turned on, or codes made again) change the account's factors: in the same
 * transaction `users.factors_changed_at` becomes now, so device cookies issued before stand no more
 * (lib/auth/device-cookie.ts).
 */
export async function replaceRecoveryCodes(userId: string, tx: Tx | Db): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx
    .update(users)
    .set({ factorsChangedAt: sql`now()` })
    .where(eq(users.id, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(userId, code) })));
  return codes;
}

/**
 * Spends one of the account's codes, for a sign-in's second step or a re-authentication: a single
 * `delete … returning`, so two uses of one code at once let exactly one through. In the same
 * transaction it records `mfa.recovery_code_used` and queues the notice to the account's address, so
 * both exist exactly when the code was spent. Answers the codes left, or null for a code that is not one.
 *
 * The account's row is locked first: the delete's trigger (migration 0016) updates it, and every other change
 * to the codes (new codes, two-factor off, an email sign-in that voids them) takes the account's row before
 * the codes, so both orders would otherwise meet in a deadlock.
 */
export async function spendRecoveryCode(
  user: { id: string; email: string },
  code: string,
  use: { purpose: "sign_in" | "reauthenticate"; client: ClientInfo },
): Promise<{ left: number } | null> {
  const normalised = normaliseRecoveryCode(code);
  if (!/^[0-9a-z]{12}$/.test(normalised)) return null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("no key update");
    const spent = await tx
      .delete(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hashRecoveryCode(user.id, code))))
      .returning({ id: recoveryCodes.id });
    if (spent.length !== 1) return null;
    const left = await recoveryCodesLeft(user.id, tx);
    const detail: Record<string, string | number> =
      use.purpose === "sign_in" ? { left } : { purpose: use.purpose, left };
    await recordEvent("mfa.recovery_code_used", { ...use.client, userId: user.id, detail }, tx);
    await sendMail(twoFactorNotice(user.email, "recovery_code_used", left, use.purpose), tx);
    return { left };
  });
}

/** The account's unused codes: the count migration 0016's triggers keep on its row. */
export async function recoveryCodesLeft(userId: string, tx?: Db | Tx): Promise<number> {
  const db = tx ?? (await getDb());
  const [row] = await db.select({ n: users.recoveryCodesLeft }).from(users).where(eq(users.id, userId));
  return row?.n ?? 0;
}
