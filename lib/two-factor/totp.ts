import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { generateSecret, generateURI } from "otplib";
import { getDb } from "@/db/client";
import { mfaChallenges, recoveryCodes, users } from "@/db/schema";
import { open, seal } from "../crypto/sealed";
import { sendMail } from "../email/outbox";
import { twoFactorNotice } from "../email/templates";
import { PRODUCT } from "../product";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { emitWebhook } from "../webhook-events/emit";
import { twoFactorData } from "../webhook-events/payloads";
import { claimLimit } from "../security/limit-events";
import { release } from "../security/rate-limit";
import { requireRecentAuth } from "../security/recent-auth";
import type { ClientInfo } from "../client-info";
import type { Caller } from "../sessions/resolve";
import { validate } from "../validation";
import { replaceRecoveryCodes } from "./recovery-codes";
import { totpConfirmSchema } from "./schemas";
import { matchingStep, TOTP_DIGITS, TOTP_PERIOD } from "./totp-code";

export const WRONG_CONFIRM_CODE = "That code is not right. Check the app's clock and try the code it shows now.";

type Enrolment = { secret: string; otpauthUrl: string };

/** Step one of setting up: a new secret, kept sealed as pending; two-factor is not on yet. */
export async function startTotp(caller: Caller): Promise<Result<Enrolment>> {
  const fresh = requireRecentAuth(caller);
  if (!fresh.ok) return fresh;
  const secret = generateSecret({ length: 20 });
  const db = await getDb();
  const updated = await db
    .update(users)
    .set({ totpPendingSecret: seal("totp-secret", secret) })
    .where(and(eq(users.id, caller.user.id), isNull(users.totpEnabledAt)))
    .returning({ username: users.username });
  if (!updated.length) return fail("conflict", "Two-factor authentication is already on.");
  const otpauthUrl = generateURI({
    issuer: PRODUCT,
    label: updated[0]!.username,
    secret,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
  });
  return ok({ secret, otpauthUrl });
}

/** The account's pending secret in the clear, for showing the QR code again on the set-up page. */
export async function pendingEnrolment(userId: string): Promise<Enrolment | null> {
  const db = await getDb();
  const [row] = await db
    .select({ sealed: users.totpPendingSecret, username: users.username, on: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const secret = row?.sealed && !row.on ? open("totp-secret", row.sealed) : null;
  if (!secret) return null;
  return {
    secret,
    otpauthUrl: generateURI({
      issuer: PRODUCT,
      label: row!.username,
      secret,
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD,
    }),
  };
}

/**
 * Step two: a code from the pending secret turns two-factor on (its time step is spent at once) and
 * makes 10 recovery codes, returned this once. Compare-and-set on the pending secret, in one transaction
 * with the codes and the notice's outbox row. Wrong codes count per account (`totp_enrol_account`,
 * LIMIT_TOTP_ENROL_ACCOUNT, default 5 per 15 minutes): past it, `rate_limited` (429 + Retry-After; the
 * form says "Too many attempts…") with no check and no `mfa.failed` row, right code or not.
 */
export async function confirmTotp(
  caller: Caller,
  input: unknown,
  client: ClientInfo,
): Promise<Result<{ recoveryCodes: string[] }>> {
  const fresh = requireRecentAuth(caller);
  if (!fresh.ok) return fresh;
  const parsed = validate(totpConfirmSchema, input);
  if (!parsed.ok) return parsed;
  const userId = caller.user.id;
  const db = await getDb();
  const [row] = await db
    .select({ sealed: users.totpPendingSecret, email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
    .limit(1);
  const secret = row?.sealed ? open("totp-secret", row.sealed) : null;
  if (!row?.sealed || !secret) return fail("conflict", "There is no two-factor set-up to confirm. Start again.");
  // Each wrong code writes an event row and a log line: claimed before the check, given back when right.
  const claim = await claimLimit("totp_enrol_account", [userId], { subject: userId, context: { ...client, userId } });
  if (!claim.ok) return claim;
  const step = await matchingStep(secret, parsed.value.code);
  if (step === null) {
    await recordEvent("mfa.failed", { ...client, userId, detail: { purpose: "enrol" } });
    return fail("validation", WRONG_CONFIRM_CODE, { fields: { code: [WRONG_CONFIRM_CODE] } });
  }
  await release("totp_enrol_account", [userId]);
  const codes = await db.transaction(async (tx) => {
    const turnedOn = await tx
      .update(users)
      .set({ totpSecret: row.sealed, totpPendingSecret: null, totpEnabledAt: sql`now()`, totpLastStep: step })
      .where(and(eq(users.id, userId), eq(users.totpPendingSecret, row.sealed!), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (!turnedOn.length) return null;
    const made = await replaceRecoveryCodes(userId, tx);
    // The notice commits with the change, or neither does.
    await sendMail(twoFactorNotice(row.email, "enabled"), tx);
    await emitWebhook("two_factor.enabled", twoFactorData(userId), tx);
    return made;
  });
  if (!codes) return fail("conflict", "There is no two-factor set-up to confirm. Start again.");
  await recordEvent("mfa.enabled", { ...client, userId });
  return ok({ recoveryCodes: codes });
}

/**
 * Turns two-factor off: the secret, the recovery codes and any pending sign-in challenge go, and the
 * notice is queued, in one transaction.
 */
export async function disableTotp(caller: Caller, client: ClientInfo): Promise<Result<void>> {
  const fresh = requireRecentAuth(caller);
  if (!fresh.ok) return fresh;
  const userId = caller.user.id;
  const db = await getDb();
  const turnedOff = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        totpSecret: null,
        totpPendingSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        factorsChangedAt: sql`now()`, // device cookies issued before stand no more (lib/auth/device-cookie.ts)
      })
      .where(and(eq(users.id, userId), isNotNull(users.totpEnabledAt)))
      .returning({ email: users.email });
    if (!row) return false;
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.delete(mfaChallenges).where(eq(mfaChallenges.userId, userId));
    await sendMail(twoFactorNotice(row.email, "disabled"), tx);
    await emitWebhook("two_factor.disabled", twoFactorData(userId), tx);
    return true;
  });
  if (!turnedOff) return fail("not_found", "Two-factor authentication is not on.");
  await recordEvent("mfa.disabled", { ...client, userId });
  return ok(undefined);
}

/**
 * New recovery codes: the old ones are void. Like every other factor change, it is recorded
 * (`mfa.recovery_codes_regenerated`) and mailed to the account's address in the transaction that makes
 * the codes, so someone holding a session cannot quietly mint themselves a way past the second factor.
 */
export async function regenerateRecoveryCodes(
  caller: Caller,
  client: ClientInfo,
): Promise<Result<{ recoveryCodes: string[] }>> {
  const fresh = requireRecentAuth(caller);
  if (!fresh.ok) return fresh;
  const userId = caller.user.id;
  const db = await getDb();
  const codes = await db.transaction(async (tx) => {
    // Locks the account's row, so two regenerations at once leave one set of 10.
    const [row] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.id, userId), isNotNull(users.totpEnabledAt)))
      .for("update");
    if (!row) return null;
    const made = await replaceRecoveryCodes(userId, tx);
    await recordEvent("mfa.recovery_codes_regenerated", { ...client, userId }, tx);
    await sendMail(twoFactorNotice(row.email, "recovery_codes_regenerated"), tx);
    return made;
  });
  if (!codes) return fail("not_found", "Two-factor authentication is not on.");
  return ok({ recoveryCodes: codes });
}
