import "server-only";
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, type PasskeyRow } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { hashToken } from "../crypto/tokens";
import { challengeBytes, issueChallenge, spendChallenge } from "../passkeys/challenges";
import { CEREMONY_MINUTES, relyingParty } from "../passkeys/relying-party";
import { passkeySignInSchema } from "../passkeys/schemas";
import { findPasskey, verifyAssertion, type AssertionRefusal } from "../passkeys/verify";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { ipKey } from "../security/ip-key";
import { recordLimitHit } from "../security/limit-events";
import { hit } from "../security/rate-limit";
import { rateLimited } from "../security/rate-limited";
import { validate } from "../validation";
import { attemptFor, claimSignIn, signInFailed, type Attempt } from "./sign-in-limits";
import { ACCOUNT_DISABLED, finishSignIn, type BrowserContext, type SignedIn, type SignInKind } from "./sign-in-tail";

export const PASSKEY_REFUSED = "That passkey could not sign you in. Try again, or sign in with your password.";
export const PASSKEY_UNKNOWN =
  "This passkey is not registered here (it may have been removed). Sign in with your password.";

/**
 * `POST /api/sessions/passkey/options`: request options for a passkey sign-in, with no account named
 * (discoverable credentials: the authenticator offers the passkeys it holds for this site). Each call
 * stores a challenge, so calls are counted per address (`passkey_options_ip`): 429 past the limit.
 */
export async function signInOptions(client: ClientInfo): Promise<Result<PublicKeyCredentialRequestOptionsJSON>> {
  const allowed = await hit("passkey_options_ip", [ipKey(client.ip)]);
  if (!allowed.ok) {
    await recordLimitHit("passkey_options_ip", null, { ...client, userId: null });
    return rateLimited(allowed.retryAfter);
  }
  return ok(
    await generateAuthenticationOptions({
      rpID: relyingParty().id,
      challenge: challengeBytes(await issueChallenge("sign_in", null)),
      timeout: CEREMONY_MINUTES * 60_000,
      userVerification: "required",
    }),
  );
}

/**
 * A sign-in with a passkey: the answer to options from signInOptions, verified (lib/passkeys/verify.ts)
 * after the attempt is claimed against the same sign-in limits as a password (by address, by account
 * and address, by account; a browser's device cookie counts in its own bucket). A passkey with user
 * verification is two factors in itself, so two-factor's code step is skipped. An unknown passkey is
 * counted against the passkey's own key. A disabled account learns it (403) only after a good answer.
 * Records `sign_in.succeeded` (method `passkey`) and `passkey.used`, or `sign_in.failed`.
 */
export async function signInWithPasskey(
  input: unknown,
  kind: SignInKind,
  client: ClientInfo,
  browser: BrowserContext = {},
): Promise<Result<SignedIn>> {
  const parsed = validate(passkeySignInSchema, input);
  if (!parsed.ok) return parsed;
  const { response } = parsed.value;
  const passkey = await findPasskey(response.id);
  const user = passkey ? await accountOf(passkey) : null;
  const attempt = attemptFor(user, `passkey:${hashToken(response.id)}`, kind, client, browser.deviceCookie);
  const claim = await claimSignIn(attempt);
  if (!claim.ok) return rateLimited(claim.retryAfter);
  if (!passkey || !user) {
    // Its challenge goes too: every answer spends the challenge it carries, known passkey or not.
    await spendChallenge(response.response.clientDataJSON, "sign_in", null);
    await signInFailed(attempt, "unknown_passkey");
    return fail("unauthorized", PASSKEY_UNKNOWN);
  }
  const verified = await verifyAssertion(response, passkey, "sign_in", null);
  if (!verified.ok) {
    await refused(verified.refusal, attempt, passkey);
    return fail("unauthorized", PASSKEY_REFUSED);
  }
  return finishSignIn({
    user,
    kind,
    browser,
    attempt,
    claim,
    method: "passkey",
    comparedHash: null,
    gone: { reason: "disabled", answer: fail("forbidden", ACCOUNT_DISABLED, { reason: "account_disabled" }) },
    after: () =>
      recordEvent("passkey.used", { ...client, userId: user.id, detail: { purpose: "sign_in", name: passkey.name } }),
  });
}

async function accountOf(passkey: PasskeyRow) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, passkey.userId)).limit(1);
  return user ?? null;
}

/** The audit trail of a refused answer: a counter gone back is recorded on its own, as a likely clone. */
export async function refused(refusal: AssertionRefusal, attempt: Attempt, passkey: PasskeyRow): Promise<void> {
  if (refusal === "counter")
    await recordEvent("passkey.counter_regressed", {
      ...attempt.client,
      userId: passkey.userId,
      detail: { name: passkey.name },
    });
  await signInFailed(attempt, refusal === "challenge" ? "passkey_expired" : "passkey_refused");
}
