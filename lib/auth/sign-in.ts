import "server-only";
import type { ClientInfo } from "../client-info";
import { burnPasswordCheck, verifyPassword } from "../crypto/passwords";
import { fail, ok, type Result } from "../result";
import { BAD_CREDENTIALS } from "../messages";
import { rateLimited } from "../security/rate-limited";
import { findUserByLogin } from "../users/find";
import { normaliseEmail, PASSWORD_MAX_BYTES, usernameKey } from "../users/schemas";
import { validate } from "../validation";
import { rehashIfCheaper } from "./rehash";
import { signInSchema } from "./schemas";
import { createChallenge, type MfaPending } from "./second-step";
import { attemptFor, claimSignIn, signInClaimReturned, signInFailed } from "./sign-in-limits";
import { finishSignIn, refuseDisabled, type BrowserContext, type SignedIn, type SignInKind } from "./sign-in-tail";

/**
 * The password step, for every caller of it. Checks a login and password and opens a session. An
 * unknown account costs the same bcrypt compare as a wrong password and answers the same error; so
 * does a password over bcrypt's 72 bytes (bcrypt would compare only its first 72), and a password
 * changed while this one was being compared. The attempt is claimed against the limits (lib/auth/sign-in-limits.ts) before the compare;
 * over a limit it answers rate_limited without comparing any password. A disabled account answers a
 * wrong password exactly like any other (401, after the same compare); only the right password learns
 * it is disabled (403, reason `account_disabled`), and no session is opened. A browser signing in again
 * ends the session its cookie held. A hash made at a lower BCRYPT_COST is made again at the new one.
 * With two-factor on, the right password answers `{mfa}`, a challenge for lib/auth/second-step.ts,
 * and no session; a wrong one answers exactly as for any account, so whether two-factor is on is not
 * revealed before. The session is opened by lib/auth/sign-in-tail.ts, as for every way in.
 */
export async function signInWithPassword(
  input: unknown,
  kind: SignInKind,
  client: ClientInfo,
  browser: BrowserContext = {},
): Promise<Result<SignedIn | { mfa: MfaPending }>> {
  const parsed = validate(signInSchema, input);
  if (!parsed.ok) return parsed;
  const { login, password } = parsed.value;
  const user = await findUserByLogin(login);
  const attempt = attemptFor(
    user,
    `login:${login.includes("@") ? normaliseEmail(login) : usernameKey(login)}`,
    kind,
    client,
    browser.deviceCookie,
  );
  const claim = await claimSignIn(attempt);
  if (!claim.ok) return rateLimited(claim.retryAfter);
  // An account without a password (lib/users: null hash) is compared like an unknown one: never a match.
  const hash = user?.passwordHash ?? null;
  const matches = hash ? await verifyPassword(password, hash) : await burnPasswordCheck(password);
  // bcrypt reads 72 bytes: a longer password is never the right one, whatever its prefix.
  const valid = matches && Buffer.byteLength(password, "utf8") <= PASSWORD_MAX_BYTES;
  if (!user || !hash || !valid) {
    await signInFailed(attempt, !user ? "unknown_account" : "wrong_password");
    return fail("unauthorized", BAD_CREDENTIALS);
  }
  if (user.disabledAt) return refuseDisabled(attempt);
  if (user.totpEnabledAt) {
    const mfa = await createChallenge(user.id, hash, kind);
    if (!mfa) {
      await signInFailed(attempt, "password_changed");
      return fail("unauthorized", BAD_CREDENTIALS);
    }
    await signInClaimReturned(attempt, claim);
    return ok({ mfa });
  }
  return finishSignIn({
    user,
    kind,
    browser,
    attempt,
    claim,
    comparedHash: hash,
    gone: { reason: "password_changed", answer: fail("unauthorized", BAD_CREDENTIALS) },
    // A hash made at a lower BCRYPT_COST is made again at today's; the device cookie binds the new one.
    rehash: () => rehashIfCheaper(user.id, password, hash),
  });
}

/**
 * A sign-in that must end in a session (lib tests, callers that cannot ask for a code): an account
 * with two-factor on is refused like a wrong password.
 */
export async function signIn(
  input: unknown,
  kind: SignInKind,
  client: ClientInfo,
  browser: BrowserContext = {},
): Promise<Result<SignedIn>> {
  const result = await signInWithPassword(input, kind, client, browser);
  if (result.ok && "mfa" in result.value) return fail("unauthorized", BAD_CREDENTIALS);
  return result as Result<SignedIn>;
}
