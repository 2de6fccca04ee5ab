import "server-only";
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { verify } from "otplib";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { open } from "../crypto/sealed";

/** 6 digits, 30-second steps, one step of drift either way (RFC 6238). */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
const DRIFT_SECONDS = TOTP_PERIOD;

/** The time step a code from `secret` matches now (± one step), or null. */
export async function matchingStep(secret: string, code: string, afterStep?: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    period: TOTP_PERIOD,
    digits: TOTP_DIGITS,
    epochTolerance: DRIFT_SECONDS,
    ...(afterStep != null ? { afterTimeStep: afterStep } : {}),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/**
 * Checks a code against the account's confirmed secret and spends its time step: one atomic
 * `update … where totp_last_step < step`, so a code (its step) is accepted once per account, even
 * when the same code arrives twice at the same moment. False for a wrong, replayed or old code.
 */
export async function spendTotpCode(userId: string, code: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ sealed: users.totpSecret, lastStep: users.totpLastStep })
    .from(users)
    .where(and(eq(users.id, userId), isNotNull(users.totpEnabledAt)))
    .limit(1);
  const secret = row?.sealed ? open("totp-secret", row.sealed) : null;
  if (!secret) return false;
  const step = await matchingStep(secret, code, row!.lastStep);
  if (step === null) return false;
  const spent = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return spent.length === 1;
}
