import "server-only";
import type { Tx } from "@/db/client";
import type { UserRow } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { createSessionIfActive, createSessionIfPasswordUnchanged, type NewSession } from "../sessions/create";
import { revokeBrowserSessionByToken } from "../sessions/revoke";
import { recoveryCodesLeft } from "../two-factor/recovery-codes";
import { toUserDto, type UserDto } from "../users/dto";
import { deviceCookieAfterSignIn } from "./device-cookie";
import { isNewDevice, noticeNewDevice } from "./new-device";
import {
  recordSignIn,
  signInFailed,
  signInSucceeded,
  type Attempt,
  type Claim,
  type SignInMethod,
} from "./sign-in-limits";

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
  /**
   * Runs before the session opens, after the proof: the password hash made again at today's BCRYPT_COST
   * (lib/auth/rehash.ts), which the session then requires unchanged and the device cookie binds.
   */
  rehash?: () => Promise<string>;
  /** What this way in records (its event, the identity's last use), in the new session's transaction. */
  record?: (tx: Tx) => Promise<void>;
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
 * The one tail of every sign-in (password, second step, passkey, identity provider, email link or code):
 * refuses a disabled account, opens the session only while the account is still enabled (and, after a
 * password, its password unchanged) and, in that session's transaction, records the success and what the way
 * in records and mails the owner about a new device (lib/auth/new-device.ts); then gives the limits back,
 * ends the session the browser held before, and answers the account's DTO with the session and, for a
 * browser, its renewed device cookie.
 */
export async function finishSignIn(p: Proven): Promise<Result<SignedIn>> {
  const { user, kind } = p;
  const { client } = p.attempt;
  if (user.disabledAt) return refuseDisabled(p.attempt);
  const comparedHash = p.comparedHash === null ? null : ((await p.rehash?.()) ?? p.comparedHash);
  const deviceHash = comparedHash ?? user.passwordHash;
  const newDevice = !p.firstDevice && isNewDevice(kind, p.attempt, p.comparedHash);
  const along = async (tx: Tx) => {
    await recordSignIn(p.attempt, tx, kind, p.method, p.provider, newDevice);
    await p.record?.(tx);
    if (newDevice) await noticeNewDevice(tx, user, deviceHash, kind, p.attempt);
  };
  const session =
    comparedHash === null
      ? await createSessionIfActive(user.id, kind, client, along)
      : await createSessionIfPasswordUnchanged(user.id, comparedHash, kind, client, along);
  if (!session) {
    await signInFailed(p.attempt, p.gone.reason);
    return p.gone.answer;
  }
  await signInSucceeded(p.attempt, p.claim);
  const left = user.totpEnabledAt ? (p.recoveryCodesLeft ?? (await recoveryCodesLeft(user.id))) : 0;
  const dto = toUserDto(user, left);
  if (kind === "api") return ok({ user: dto, session });
  if (p.browser.previousSessionToken) await revokeBrowserSessionByToken(p.browser.previousSessionToken);
  return ok({ user: dto, session, deviceCookie: deviceCookieAfterSignIn(p.browser.deviceCookie, user.id, deviceHash) });
}
