import "server-only";
import { createSessionIfPasswordUnchanged, type NewSession } from "../sessions/create";
import type { ClientInfo } from "../client-info";
import { revokeBrowserSessionByToken } from "../sessions/revoke";
import { rateLimited } from "../security/rate-limited";
import { fail, ok, type Result } from "../result";
import { findUserByLogin } from "../users/find";
import { toUserDto, type UserDto } from "../users/dto";
import { normaliseEmail, PASSWORD_MAX_BYTES, usernameKey } from "../users/schemas";
import { validate } from "../validation";
import { deviceCookieAfterSignIn } from "./device-cookie";
import { burnPasswordCheck, verifyPassword } from "../crypto/passwords";
import { rehashIfCheaper } from "./rehash";
import { signInSchema } from "./schemas";
import { createChallenge, type MfaPending } from "./second-step";
import { attemptFor, claimSignIn, signInClaimReturned, signInFailed, signInSucceeded } from "./sign-in-limits";

export const BAD_CREDENTIALS = "Incorrect username, email or password.";
export const ACCOUNT_DISABLED =
  "This account has been disabled. Contact the site's administrators to have it enabled again.";

/** What only a browser brings: its device cookie, and the session token its session cookie holds. */
export type BrowserContext = { deviceCookie?: string | null; previousSessionToken?: string | null };

/**
 * Checks a login and password and opens a session. An unknown account costs the same bcrypt compare
 * as a wrong password and answers the same error; so does a password over bcrypt's
 * 72 bytes (bcrypt would compare only its first 72), and a password changed while this one was being
 * compared. The attempt is claimed against the limits (lib/auth/sign-in-limits.ts) before the compare;
 * over a limit it answers rate_limited without comparing any password. A disabled account answers a
 * wrong password exactly like any other (401, after the same compare); only the right password learns
 * it is disabled (403, reason `account_disabled`), and no session is opened. A browser signing in again
 * ends the session its cookie held. A hash made at a lower BCRYPT_COST is made again at the new one.
 */
export type SignedIn = { user: UserDto; session: NewSession; deviceCookie?: string };

/**
 * The password step as every sign-in path takes it: a session, or — when the account has two-factor
 * on — `{mfa}`, a challenge for lib/two-factor/challenge.ts#completeMfaSignIn, and no session. A wrong
 * password answers exactly as for any account, so whether two-factor is on is not revealed before.
 */
export async function signInWithPassword(
  input: unknown,
  kind: "browser" | "api",
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
  const matches = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);
  // bcrypt reads 72 bytes: a longer password is never the right one, whatever its prefix.
  const valid = matches && Buffer.byteLength(password, "utf8") <= PASSWORD_MAX_BYTES;
  if (!user || !valid) {
    await signInFailed(attempt, !user ? "unknown_account" : "wrong_password");
    return fail("unauthorized", BAD_CREDENTIALS);
  }
  if (user.disabledAt) {
    await signInFailed(attempt, "disabled");
    return fail("forbidden", ACCOUNT_DISABLED, { reason: "account_disabled" });
  }
  if (user.totpEnabledAt) {
    const mfa = await createChallenge(user.id, user.passwordHash, kind);
    if (!mfa) {
      await signInFailed(attempt, "password_changed");
      return fail("unauthorized", BAD_CREDENTIALS);
    }
    await signInClaimReturned(attempt, claim);
    return ok({ mfa });
  }
  const session = await createSessionIfPasswordUnchanged(user.id, user.passwordHash, kind, client);
  if (!session) {
    await signInFailed(attempt, "password_changed");
    return fail("unauthorized", BAD_CREDENTIALS);
  }
  await signInSucceeded(attempt, kind, claim);
  if (kind === "browser" && browser.previousSessionToken)
    await revokeBrowserSessionByToken(browser.previousSessionToken);
  const currentHash = await rehashIfCheaper(user.id, password, user.passwordHash);
  if (kind === "api") return ok({ user: toUserDto(user), session });
  // The browser's device cookie, renewed for this account: its value for the caller to set.
  return ok({
    user: toUserDto(user),
    session,
    deviceCookie: deviceCookieAfterSignIn(browser.deviceCookie, user.id, currentHash),
  });
}

/**
 * A sign-in that must end in a session (lib tests, callers that cannot ask for a code): an account
 * with two-factor on is refused like a wrong password.
 */
export async function signIn(
  input: unknown,
  kind: "browser" | "api",
  client: ClientInfo,
  browser: BrowserContext = {},
): Promise<Result<SignedIn>> {
  const result = await signInWithPassword(input, kind, client, browser);
  if (result.ok && "mfa" in result.value) return fail("unauthorized", BAD_CREDENTIALS);
  return result as Result<SignedIn>;
}
