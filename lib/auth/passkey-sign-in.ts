import "server-only";
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, type PasskeyRow } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { hashToken } from "../crypto/tokens";
import { challengeBytes, issueSignInChallenge, spendChallenge, type ChallengeOwner } from "../passkeys/challenges";
import { CEREMONY_MINUTES, relyingParty } from "../passkeys/relying-party";
import { browserPasskeySignInSchema, passkeySignInSchema } from "../passkeys/schemas";
import { findPasskey, verifyAssertion, type AssertionRefusal } from "../passkeys/verify";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { ipKey } from "../security/ip-key";
import { recordLimitHit } from "../security/limit-events";
import { hit } from "../security/rate-limit";
import { rateLimited, tryAgainIn } from "../security/rate-limited";
import { validate } from "../validation";
import { attemptFor, claimSignIn, signInFailed, type Attempt } from "./sign-in-limits";
import { ACCOUNT_DISABLED, finishSignIn, type BrowserContext, type SignedIn, type SignInKind } from "./sign-in-tail";

export const PASSKEY_REFUSED = "That passkey could not sign you in. Try again, or sign in with your password.";
export const PASSKEY_UNKNOWN =
  "This passkey is not registered here (it may have been removed). Sign in with your password.";

export const PASSKEY_CLIENT_CAP = (retryAfter: number) =>
  `Too many passkey sign-ins are waiting from your network. ${tryAgainIn(retryAfter)} Or sign in with your password.`;
export const PASSKEY_TOTAL_CAP =
  "Too many passkey sign-ins are under way right now. Try again in a minute, or sign in with your password.";

/** Sign-in options, and the binding secret that alone can spend their challenge (a cookie or a field, by caller). */
export type SignInOptions = { options: PublicKeyCredentialRequestOptionsJSON; binding: string };

/**
 * `POST /api/sessions/passkey/options`: request options for a passkey sign-in, with no account named
 * (discoverable credentials: the authenticator offers the passkeys it holds for this site). Each call
 * stores a challenge, so calls are counted per address (`passkey_options_ip`): 429 past the limit; and
 * the live challenges are capped (lib/passkeys/challenges.ts): per address 429, overall 503, each with
 * the wait until a place frees up. The challenge is bound to the binding secret returned beside the options.
 */
export async function signInOptions(client: ClientInfo): Promise<Result<SignInOptions>> {
  const allowed = await hit("passkey_options_ip", [ipKey(client.ip)]);
  if (!allowed.ok) {
    await recordLimitHit("passkey_options_ip", null, { ...client, userId: null });
    return rateLimited(allowed.retryAfter);
  }
  const issued = await issueSignInChallenge(client.ip);
  if (!issued.ok)
    return issued.cap === "client"
      ? fail("rate_limited", PASSKEY_CLIENT_CAP(issued.retryAfter), { retryAfter: issued.retryAfter })
      : fail("unavailable", PASSKEY_TOTAL_CAP, { retryAfter: issued.retryAfter });
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    challenge: challengeBytes(issued.challenge),
    timeout: CEREMONY_MINUTES * 60_000,
    userVerification: "required",
  });
  return ok({ options, binding: issued.binding });
}

/** A browser's sign-in context, with the binding secrets its passkey cookie holds (lib/auth/passkey-cookie.ts). */
export type PasskeyBrowserContext = BrowserContext & { bindings?: readonly string[] };

/**
 * A sign-in with a passkey: the answer to options from signInOptions, verified (lib/passkeys/verify.ts)
 * after the attempt is claimed against the same sign-in limits as a password (by address, by account
 * and address, by account; a browser's device cookie counts in its own bucket). The challenge is spent
 * only with its binding: an API client sends it as `binding` (required), a browser brings it in its cookie;
 * an answer sent by anyone else finds no challenge. A passkey with user verification is two factors in
 * itself, so two-factor's code step is skipped. An unknown passkey is counted against the passkey's own key.
 * A disabled account learns it (403) only after a good answer.
 * Records `sign_in.succeeded` (method `passkey`) and `passkey.used`, or `sign_in.failed`.
 */
export async function signInWithPasskey(
  input: unknown,
  kind: SignInKind,
  client: ClientInfo,
  browser: PasskeyBrowserContext = {},
): Promise<Result<SignedIn>> {
  let response;
  let owner: ChallengeOwner;
  if (kind === "api") {
    const parsed = validate(passkeySignInSchema, input);
    if (!parsed.ok) return parsed;
    ({ response } = parsed.value);
    owner = { bindings: [parsed.value.binding] };
  } else {
    const parsed = validate(browserPasskeySignInSchema, input);
    if (!parsed.ok) return parsed;
    ({ response } = parsed.value);
    owner = { bindings: browser.bindings ?? [] };
  }
  const passkey = await findPasskey(response.id);
  const user = passkey ? await accountOf(passkey) : null;
  const attempt = attemptFor(user, `passkey:${hashToken(response.id)}`, kind, client, browser.deviceCookie);
  const claim = await claimSignIn(attempt);
  if (!claim.ok) return rateLimited(claim.retryAfter);
  if (!passkey || !user) {
    // Its challenge goes too: every answer spends the challenge it carries, known passkey or not.
    await spendChallenge(response.response.clientDataJSON, "sign_in", owner);
    await signInFailed(attempt, "unknown_passkey");
    return fail("unauthorized", PASSKEY_UNKNOWN);
  }
  const verified = await verifyAssertion(response, passkey, "sign_in", owner);
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
    record: (tx) =>
      recordEvent(
        "passkey.used",
        { ...client, userId: user.id, detail: { purpose: "sign_in", name: passkey.name } },
        tx,
      ),
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
