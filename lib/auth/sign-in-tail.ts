import "server-only";
import type { UserRow } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { createSessionIfActive, createSessionIfPasswordUnchanged, type NewSession } from "../sessions/create";
import { revokeBrowserSessionByToken } from "../sessions/revoke";
import { recoveryCodesLeft } from "../two-factor/recovery-codes";
import { toUserDto, type UserDto } from "../users/dto";
import { deviceCookieAfterSignIn } from "./device-cookie";
import { isNewDevice, noticeNewDevice } from "./new-device";
import { signInFailed, signInSucceeded, type Attempt, type Claim, type SignInMethod } from "./sign-in-limits";

export const ACCOUNT_DISABLED =
  "This account has been disabled. Contact the site's administrators to have it enabled again.";

/** Who signs in: a browser (Auth.js's cookie session) or a program (a bearer token). */
export type SignInKind = "browser" | "api";

/** What only a browser brings: its device cookie, and the session token its session cookie holds. */
export type BrowserContext = { deviceCookie?: string | null; previousSessionToken?: string | null };

/** Every finished sign-in: the account, its new session, and for a browser the device cookie to set. */
export type SignedIn = { user: UserDto; session: NewSession; deviceCookie?: string };

/** An account that has just proved who it is, by whatever way in, and what finishing needs. */
export type Proven = {
  user: UserRow;
  kind: SignInKind;
  browser: BrowserContext;
  /** The attempt (with the caller's ClientInfo) and its claim on the sign-in limits (lib/auth/sign-in-limits.ts). */
  attempt: Attempt;
  claim: Claim;
  /** Recorded on `sign_in.succeeded`; none for the password and its second step. */
  method?: SignInMethod;
  /** For an identity provider's sign-in: which provider (recorded beside the method). */
  provider?: { provider: string; providerName: string };
  /**
   * The password hash this sign-in checked: the session is opened only while it is still the account's
   * (a change or reset meanwhile ends the sign-in). Null for a way in that does not use the password.
   */
  comparedHash: string | null;
  /** When the account changed meanwhile (password changed, or disabled): the failure's reason and answer. */
  gone: { reason: string; answer: ReturnType<typeof fail> };
  /** Runs after the session is open: what this way in records, and the hash the device cookie binds. */
  after?: () => Promise<string | void>;
  /** The account was made by this very sign-in (an identity provider's sign-up): no new-device notice. */
  firstDevice?: true;
  /** The account's unused recovery codes, when the way in already counted them. */
  recoveryCodesLeft?: number;
};

/**
 * A disabled account that proved who it is: recorded as a failed sign-in, and told (403, reason
 * `account_disabled`). Only a right proof learns this; a wrong one answers as for any account.
 */
export async function refuseDisabled(attempt: Attempt): Promise<ReturnType<typeof fail>> {
  await signInFailed(attempt, "disabled");
  return fail("forbidden", ACCOUNT_DISABLED, { reason: "account_disabled" });
}

/**
 * The one tail of every sign-in (password, second step, passkey, and each way in to come): refuses a
 * disabled account, opens the session only while the account is still enabled (and, after a password,
 * its password unchanged), records the success and gives the limits back, ends the session the
 * browser held before, mails the owner about a new device (lib/auth/new-device.ts), and answers the
 * account's DTO with the session and, for a browser, its renewed device cookie.
 */
export async function finishSignIn(p: Proven): Promise<Result<SignedIn>> {
  const { user, kind } = p;
  const { client } = p.attempt;
  if (user.disabledAt) return refuseDisabled(p.attempt);
  const session =
    p.comparedHash === null
      ? await createSessionIfActive(user.id, kind, client)
      : await createSessionIfPasswordUnchanged(user.id, p.comparedHash, kind, client);
  if (!session) {
    await signInFailed(p.attempt, p.gone.reason);
    return p.gone.answer;
  }
  const newDevice = !p.firstDevice && isNewDevice(kind, p.attempt, p.comparedHash);
  await signInSucceeded(p.attempt, kind, p.claim, p.method, p.provider, newDevice);
  const deviceHash = (await p.after?.()) ?? user.passwordHash;
  if (newDevice) await noticeNewDevice(user, deviceHash, kind, p.attempt);
  const left = user.totpEnabledAt ? (p.recoveryCodesLeft ?? (await recoveryCodesLeft(user.id))) : 0;
  const dto = toUserDto(user, left);
  if (kind === "api") return ok({ user: dto, session });
  if (p.browser.previousSessionToken) await revokeBrowserSessionByToken(p.browser.previousSessionToken);
  return ok({ user: dto, session, deviceCookie: deviceCookieAfterSignIn(p.browser.deviceCookie, user.id, deviceHash) });
}
