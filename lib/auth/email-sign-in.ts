import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { identities, passkeys, recoveryCodes, users, type UserRow } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { isWellFormedToken } from "../crypto/tokens";
import { voidEmailTokens } from "../email-tokens/tokens";
import { fail, ok, type Result } from "../result";
import { hitKey, limitKey, releaseKey } from "../security/rate-limit";
import { rateLimited } from "../security/rate-limited";
import { revokeOtherSessions } from "../sessions/revoke";
import { emitUserWebhook } from "../users/webhook";
import { emitWebhook } from "../webhook-events/emit";
import { identityData, passkeyData, twoFactorData } from "../webhook-events/payloads";
import { endMfaChallenges } from "../two-factor/end-challenges";
import { findUserByLogin } from "../users/find";
import { normaliseEmail, usernameKey } from "../users/schemas";
import { validate } from "../validation";
import { emailSignInEnabled, EMAIL_SIGN_IN_OFF } from "./email-sign-in-request";
import { emailSignInConfirmSchema, EMAIL_CODE_LENGTH } from "./email-sign-in-schemas";
import {
  claimEmailCodeTry,
  EMAIL_CODE_MAX_FAILURES,
  EMAIL_SIGN_IN_MINUTES,
  peekEmailSignInLink,
  spendEmailSignInCode,
  spendEmailSignInLink,
} from "./email-sign-in-store";
import { createChallenge, type MfaPending } from "./second-step";
import { attemptFor, claimSignIn, signInClaimReturned, signInFailed, type Attempt, type Claim } from "./sign-in-limits";
import { ACCOUNT_DISABLED, finishSignIn, type BrowserContext, type SignedIn, type SignInKind } from "./sign-in-tail";

/** Wrong, used, expired or over the attempts: one answer (400, `code: invalid_code`). */
export const INVALID_EMAIL_CODE = "That code is not right, or it is no longer valid. Ask for a new sign-in email.";
export const EMAIL_LINK_GONE = "This sign-in link was already used, or it has expired. Ask for a new sign-in email.";
export const EMAIL_LINK_ELSEWHERE =
  "This link works only in the browser where the sign-in email was asked for. Type the code from the message instead.";

const invalidCode = () =>
  fail("validation", INVALID_EMAIL_CODE, { reason: "invalid_code", fields: { code: [INVALID_EMAIL_CODE] } });

/**
 * A finished email sign-in: a session (or, with two-factor on, the challenge of the second step, exactly as
 * after a right password), and whether this sign-in proved a so far unverified address, which voided the
 * password and ended every other session (the page says so).
 */
export type EmailSignedIn = (SignedIn | { mfa: MfaPending }) & { addressVerified: boolean };

/**
 * The per-account budget of codes, across messages: a resend starts a new message (whose own count starts at
 * 0) but not a new budget, so at most EMAIL_CODE_MAX_FAILURES tries per EMAIL_SIGN_IN_MINUTES per account.
 * Kept in the rate-limit table; claimed before the compare, given back when the code is right.
 */
const codeBudgetKey = (account: string) => limitKey("email_sign_in_codes", [account]);
const CODE_BUDGET = { count: EMAIL_CODE_MAX_FAILURES, seconds: EMAIL_SIGN_IN_MINUTES * 60 };

/**
 * `POST /api/sign-in/email/confirm` and the code form: the login and the 8-digit code, from any device.
 * Each try is claimed first against the account's code budget (5 per 15 minutes whatever the message), then the
 * sign-in limits as a password is (by address, account and address, account; a known browser's own bucket),
 * then one more failure on the live message (5 per message). Past either 5 even the right code is refused.
 * Wrong, used, expired and over-the-attempts all answer the same `invalid_code`; an unknown login too, after
 * the same claims. A right code spends the message (one winner among racing tries) and signs in as a password
 * does (lib/auth/sign-in-tail.ts), two-factor asked.
 */
export async function confirmEmailSignInCode(
  input: unknown,
  kind: SignInKind,
  client: ClientInfo,
  browser: BrowserContext = {},
): Promise<Result<EmailSignedIn>> {
  if (!emailSignInEnabled()) return fail("not_found", EMAIL_SIGN_IN_OFF);
  const parsed = validate(emailSignInConfirmSchema, input);
  if (!parsed.ok) return parsed;
  const { login, code } = parsed.value;
  const user = await findUserByLogin(login);
  const typed = `login:${login.includes("@") ? normaliseEmail(login) : usernameKey(login)}`;
  const attempt = attemptFor(user, typed, kind, client, browser.deviceCookie);
  const budget = codeBudgetKey(attempt.account);
  const spent = await hitKey(budget, CODE_BUDGET);
  if (!spent.ok) {
    await signInFailed(attempt, "email_code_attempts");
    return invalidCode();
  }
  const claim = await claimSignIn(attempt);
  if (!claim.ok) {
    await releaseKey(budget); // never compared
    return rateLimited(claim.retryAfter);
  }
  const tried =
    user && /^\d+$/.test(code) && code.length === EMAIL_CODE_LENGTH ? await claimEmailCodeTry(user.id, code) : null;
  if (!user || !tried || !tried.right) {
    await signInFailed(attempt, !user ? "unknown_account" : tried ? "wrong_email_code" : "email_code_gone");
    return invalidCode();
  }
  const proven = await spendAndProve((tx) => spendEmailSignInCode(tried, tx));
  if (!proven) {
    await signInFailed(attempt, "email_code_gone");
    return invalidCode();
  }
  await releaseKey(budget);
  return signedInByEmail(proven, kind, browser, attempt, claim);
}

/**
 * The "Sign me in" button of an emailed link: only the browser that asked (its binding cookie) spends it, in one
 * `DELETE … RETURNING` (the same link posted 8 times at once opens one session). Opening the link's page spends
 * nothing (lib/auth/email-sign-in-store.ts#peekEmailSignInLink). Claimed against the sign-in limits first; a link
 * that turns out spent gives the claim back (a 256-bit token is not a guess).
 */
export async function confirmEmailSignInLink(
  token: unknown,
  binding: string | null,
  kind: SignInKind,
  client: ClientInfo,
  browser: BrowserContext = {},
): Promise<Result<EmailSignedIn>> {
  if (!emailSignInEnabled()) return fail("not_found", EMAIL_SIGN_IN_OFF);
  const gone = fail("validation", EMAIL_LINK_GONE, { reason: "invalid_code" });
  if (typeof token !== "string" || !isWellFormedToken(token)) return gone;
  const pending = await peekEmailSignInLink(token, binding);
  if (!pending) return gone;
  if (!pending.here || !binding) return fail("validation", EMAIL_LINK_ELSEWHERE, { reason: "invalid_code" });
  const attempt = attemptFor(pending.user, "", kind, client, browser.deviceCookie);
  const claim = await claimSignIn(attempt);
  if (!claim.ok) return rateLimited(claim.retryAfter);
  const proven = await spendAndProve((tx) => spendEmailSignInLink(token, binding, tx));
  if (!proven) {
    await signInClaimReturned(attempt, claim);
    return gone;
  }
  return signedInByEmail(proven, kind, browser, attempt, claim);
}

type Proof = { user: UserRow; addressVerified: boolean };

/**
 * Spends the message and, in the same transaction, acts on what the email proved. An enabled account whose
 * address was not verified: the address is verified now; and since whoever registered it chose the password
 * before the address was proven (perhaps not its owner), the password is voided (null: the person sets one, or
 * keeps signing in by email), and so are the passkeys, two-factor and connected identities set up before the proof;
 * every session and pending second step ends, and pending reset and
 * email-change links die (an email change asked for by whoever held the password would carry the account away).
 */
async function spendAndProve(spend: (tx: Tx) => Promise<string | null>): Promise<Proof | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const userId = await spend(tx);
    if (!userId) return null;
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user) return null;
    if (user.disabledAt || user.emailVerifiedAt) return { user, addressVerified: false };
    const [verified] = await tx
      .update(users)
      .set({
        emailVerifiedAt: sql`now()`,
        passwordHash: null,
        totpSecret: null,
        totpPendingSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        factorsChangedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, userId))
      .returning();
    // Every other way in chosen before the address was proven goes with the password: a squatter's passkey,
    // authenticator or connected identity would otherwise outlive the takeover (and a squatter's two-factor
    // would lock the address's owner out at the second step).
    const keys = await tx
      .delete(passkeys)
      .where(eq(passkeys.userId, userId))
      .returning({ id: passkeys.id, name: passkeys.name });
    const ids = await tx.delete(identities).where(eq(identities.userId, userId)).returning();
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await revokeOtherSessions(userId, null, tx, "email_proved");
    await endMfaChallenges(userId, tx);
    await voidEmailTokens(userId, ["verify_email", "reset_password", "change_email"], tx);
    await emitUserWebhook("user.email_verified", userId, tx, {}, verified);
    // Receivers hear of every way in that went with it (the password has no event of its own: it is voided).
    if (user.totpEnabledAt) await emitWebhook("two_factor.disabled", twoFactorData(userId), tx);
    for (const key of keys) await emitWebhook("passkey.removed", passkeyData(userId, key), tx);
    for (const identity of ids) await emitWebhook("identity.disconnected", identityData(userId, identity), tx);
    return { user: verified!, addressVerified: true };
  });
}

/** After the email proved who it is: refused when disabled, the second step when two-factor is on, else the tail. */
async function signedInByEmail(
  { user, addressVerified }: Proof,
  kind: SignInKind,
  browser: BrowserContext,
  attempt: Attempt,
  claim: Claim,
): Promise<Result<EmailSignedIn>> {
  const disabled = fail("forbidden", ACCOUNT_DISABLED, { reason: "account_disabled" });
  if (user.totpEnabledAt && !user.disabledAt) {
    const mfa = await createChallenge(user.id, user.passwordHash, kind, { method: "email" });
    if (!mfa) {
      await signInFailed(attempt, "disabled");
      return disabled;
    }
    await signInClaimReturned(attempt, claim);
    return ok({ mfa, addressVerified });
  }
  const done = await finishSignIn({
    user,
    kind,
    browser,
    attempt,
    claim,
    method: "email",
    comparedHash: null,
    gone: { reason: "disabled", answer: disabled },
  });
  return done.ok ? ok({ ...done.value, addressVerified }) : done;
}

/** Whether the account behind a link or login still has an unverified address (the pages warn before, and say after). */
export async function emailSignInWouldVerify(by: { token: string; binding: string | null } | { login: string }) {
  if ("token" in by) {
    const pending = await peekEmailSignInLink(by.token, by.binding);
    return Boolean(pending && !pending.user.emailVerifiedAt && !pending.user.disabledAt);
  }
  const user = await findUserByLogin(by.login);
  return Boolean(user && !user.emailVerifiedAt && !user.disabledAt);
}
