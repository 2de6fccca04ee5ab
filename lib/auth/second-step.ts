import "server-only";
import { and, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mfaChallenges, users, type UserRow } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { hashToken, isWellFormedToken, newToken } from "../crypto/tokens";
import { getEnv } from "../env";
import { fail, type Result } from "../result";
import { recordEvent } from "../security/events";
import { rateLimited } from "../security/rate-limited";
import { spendRecoveryCode } from "../two-factor/recovery-codes";
import { mfaSignInSchema } from "../two-factor/schemas";
import { spendTotpCode } from "../two-factor/totp-code";
import { validate } from "../validation";
import { findIdentityProvider } from "./identity-providers";
import { attemptFor, claimSecondStep, signInFailed, type SignInMethod } from "./sign-in-limits";
import { finishSignIn, type BrowserContext, type Proven, type SignedIn, type SignInKind } from "./sign-in-tail";

export const CHALLENGE_MAX_FAILURES = 5;
export const MFA_METHODS = ["totp", "recovery_code"] as const;
export const WRONG_MFA_CODE = "That code is not right.";
export const CHALLENGE_GONE = "This sign-in has expired. Sign in again with your password.";

export type MfaPending = { challenge: string; expiresAt: Date; methods: typeof MFA_METHODS };

/**
 * After the right password: a challenge (its SHA-256 stored), single-use, for MFA_CHALLENGE_MINUTES (5).
 * Inserted only while `comparedHash` (the hash the password was checked against) is still the account's
 * and the account is enabled, in one `insert … select … for share` (as a sign-in's session is): a password
 * step that compared the old password opens nothing after a change or reset, which end the challenges
 * already open (lib/two-factor/end-challenges.ts). Null then. A `comparedHash` of null (a way in without the
 * password: sign-in by email) asks only that the account is enabled.
 */
export async function createChallenge(
  userId: string,
  comparedHash: string | null,
  kind: SignInKind,
  via: { method: SignInMethod; provider?: string } | null = null,
): Promise<MfaPending | null> {
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + getEnv().MFA_CHALLENGE_MINUTES * 60_000);
  const db = await getDb();
  // The account's dead challenges go on the way.
  await db.delete(mfaChallenges).where(and(eq(mfaChallenges.userId, userId), lte(mfaChallenges.expiresAt, sql`now()`)));
  const [row] = await db
    .insert(mfaChallenges)
    .select(
      db
        .select({
          id: sql<string>`gen_random_uuid()`.as("id"),
          userId: users.id,
          tokenHash: sql<string>`${hash}::text`.as("token_hash"),
          kind: sql<"browser" | "api">`${kind}::session_kind`.as("kind"),
          failures: sql<number>`0`.as("failures"),
          // Recorded on the second step's success, so the activity says which way in it finished.
          method: sql<string | null>`${via?.method ?? null}::text`.as("method"),
          provider: sql<string | null>`${via?.provider ?? null}::text`.as("provider"),
          createdAt: sql<Date>`now()`.as("created_at"),
          expiresAt: sql<Date>`${expiresAt.toISOString()}::timestamptz`.as("expires_at"),
        })
        .from(users)
        .where(
          and(
            eq(users.id, userId),
            // A way in without a password (an identity) passes null: the account's password is unchanged.
            comparedHash === null ? isNull(users.passwordHash) : eq(users.passwordHash, comparedHash),
            isNull(users.disabledAt),
          ),
        )
        // A password change or reset in flight holds the account's row: wait for it, then see its hash.
        .for("share"),
    )
    .returning({ id: mfaChallenges.id });
  return row ? { challenge: token, expiresAt, methods: MFA_METHODS } : null;
}

/**
 * The second step: a live challenge of this kind and a code (or a recovery code) open the session.
 * Each try is claimed first against the account's code failures, from every browser alike, and against
 * the sign-in failure limits as a password is (lib/auth/sign-in-limits.ts#claimSecondStep); a wrong
 * code counts on the challenge too, which dies at the 5th. A right one spends the challenge.
 */
export async function completeMfaSignIn(
  input: unknown,
  kind: SignInKind,
  client: ClientInfo,
  browser: BrowserContext = {},
): Promise<Result<SignedIn>> {
  const parsed = validate(mfaSignInSchema, input);
  if (!parsed.ok) return parsed;
  const { challenge, code, recoveryCode } = parsed.value;
  if (!isWellFormedToken(challenge)) return fail("unauthorized", CHALLENGE_GONE);
  const db = await getDb();
  const [row] = await db
    .select({
      challengeId: mfaChallenges.id,
      method: mfaChallenges.method,
      provider: mfaChallenges.provider,
      user: users,
    })
    .from(mfaChallenges)
    .innerJoin(users, eq(users.id, mfaChallenges.userId))
    .where(
      and(
        eq(mfaChallenges.tokenHash, hashToken(challenge)),
        eq(mfaChallenges.kind, kind),
        gt(mfaChallenges.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  if (!row || row.user.disabledAt || !row.user.totpEnabledAt) return fail("unauthorized", CHALLENGE_GONE);
  const user: UserRow = row.user;
  const attempt = attemptFor(user, "", kind, client, browser.deviceCookie);
  const claim = await claimSecondStep(attempt);
  if (!claim.ok) return rateLimited(claim.retryAfter);
  // A recovery code is spent, recorded and mailed in one transaction (lib/two-factor/recovery-codes.ts).
  const used: { left?: number } | null = code
    ? (await spendTotpCode(user.id, code))
      ? {}
      : null
    : await spendRecoveryCode(user, recoveryCode!, { purpose: "sign_in", client });
  if (!used) {
    const method = code ? "totp" : "recovery_code";
    await signInFailed(attempt, "wrong_code");
    await recordEvent("mfa.failed", { ...client, userId: user.id, detail: { purpose: "sign_in", method } });
    const [counted] = await db
      .update(mfaChallenges)
      .set({ failures: sql`${mfaChallenges.failures} + 1` })
      .where(eq(mfaChallenges.id, row.challengeId))
      .returning({ failures: mfaChallenges.failures });
    if (counted && counted.failures >= CHALLENGE_MAX_FAILURES)
      await db.delete(mfaChallenges).where(eq(mfaChallenges.id, row.challengeId));
    return fail("unauthorized", WRONG_MFA_CODE, { fields: { [code ? "code" : "recoveryCode"]: [WRONG_MFA_CODE] } });
  }
  // Single-use: of two right answers at once, one spends the challenge; the other is refused.
  const spent = await db
    .delete(mfaChallenges)
    .where(eq(mfaChallenges.id, row.challengeId))
    .returning({ id: mfaChallenges.id });
  if (!spent.length) return fail("unauthorized", CHALLENGE_GONE);
  // A password change or reset committed since the row was read ended this sign-in too.
  return finishSignIn({
    user,
    kind,
    browser,
    attempt,
    claim,
    comparedHash: user.passwordHash,
    gone: { reason: "password_changed", answer: fail("unauthorized", CHALLENGE_GONE) },
    recoveryCodesLeft: used.left,
    ...wayIn(row.method, row.provider),
  });
}

/** The way in a challenge was made for, as the tail records it (none: the password). */
function wayIn(method: string | null, provider: string | null): Pick<Proven, "method" | "provider"> {
  if (method !== "passkey" && method !== "oidc" && method !== "email") return {};
  if (method !== "oidc" || !provider) return { method };
  const name = findIdentityProvider(getEnv(), provider)?.name ?? provider;
  return { method, provider: { provider, providerName: name } };
}
