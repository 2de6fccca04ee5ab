import "server-only";
import { createHash, randomInt } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { recoveryCodes } from "@/db/schema";

export const RECOVERY_CODE_COUNT = 10;
/** Crockford's base32 (no I, L, O, U): 12 characters are 60 bits. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const LENGTH = 12;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

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

/** Voids the account's codes and stores 10 new ones (hashed); the codes themselves are returned once. */
export async function replaceRecoveryCodes(userId: string, tx: Tx | Db): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(userId, code) })));
  return codes;
}

/** Spends one code: a single `delete … returning`, so two uses of one code at once let exactly one through. */
export async function spendRecoveryCode(userId: string, code: string): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (!/^[0-9a-z]{12}$/.test(normalised)) return false;
  const db = await getDb();
  const spent = await db
    .delete(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(userId, code))))
    .returning({ id: recoveryCodes.id });
  return spent.length === 1;
}

export async function recoveryCodesLeft(userId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  return row?.n ?? 0;
}
