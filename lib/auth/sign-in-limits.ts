import "server-only";
import { recordLimitHit } from "../security/limit-events";
import { recordEvent } from "../security/events";
import { ipKey } from "../security/ip-key";
import { clear, hit, release, ruleFor, type LimitName } from "../security/rate-limit";
import type { ClientInfo } from "../client-info";
import type { Tx } from "@/db/client";
import type { UserRow } from "@/db/schema";
import { deviceFor } from "./device-cookie";
import { announceLockout } from "./lockout";

/** The way in recorded on `sign_in.succeeded` (none for the password and its second step). */
export type SignInMethod = "passkey" | "oidc" | "email";

/**
 * The limits around a sign-in. `account` is the account's id when it exists, otherwise the
 * normalised login (lower-cased username key or email), so an unknown name is limited exactly like a
 * known one and neither case tricks nor switching between username and email buy more tries.
 * `deviceId` is set when the browser's device cookie proves it signed in to this account before.
 */
export type Attempt = {
  account: string;
  userId: string | null;
  email: string | null;
  deviceId: string | null;
  client: ClientInfo;
};

/**
 * The attempt of a sign-in by `user` (null when no account matched: then it counts under
 * `unknownAccount`, the normalised login or the unknown passkey's key). A browser's device cookie
 * counts only when it proves this account signed in there before, since its password and its factors
 * last changed (both read with the account's row).
 */
export function attemptFor(
  user: Pick<UserRow, "id" | "email" | "passwordHash" | "factorsChangedAt"> | null,
  unknownAccount: string,
  kind: "browser" | "api",
  client: ClientInfo,
  deviceCookie?: string | null,
): Attempt {
  return {
    account: user ? `user:${user.id}` : unknownAccount,
    userId: user?.id ?? null,
    email: user?.email ?? null,
    deviceId:
      user && kind === "browser" ? deviceFor(deviceCookie, user.id, user.passwordHash, user.factorsChangedAt) : null,
    client,
  };
}

const parts = (a: Attempt) => ({
  accountIp: [a.account, ipKey(a.client.ip)],
  account: [a.account],
  device: [a.account, a.deviceId],
  // The account's wrong second-step codes: sign_in_failures_account's rule, a counter of their own.
  codes: [a.account, "second_step"],
});

async function refused(name: LimitName, retryAfter: number, a: Attempt) {
  await recordLimitHit(name, a.account, { ...a.client, userId: a.userId });
  return { ok: false as const, retryAfter };
}

/**
 * Admitted (with the bucket the attempt was claimed from, and for a second step its claim on the
 * account's code failures), or refused with the wait.
 */
export type Claim = { ok: true; trusted: boolean; secondStep?: true } | { ok: false; retryAfter: number };

/**
 * One hit on an account-wide counter under LIMIT_SIGN_IN_FAILURES_ACCOUNT, with the doubling back-off;
 * the hit that first trips it mails the owner an unlock link (once per lock-out, lib/auth/lockout.ts).
 */
async function accountWide(a: Attempt, parts: string[]) {
  const overall = await hit("sign_in_failures_account", parts, { backoff: true, subject: a.account });
  if (!overall.ok && overall.count === ruleFor("sign_in_failures_account").count + 1 && a.userId && a.email)
    await announceLockout({ userId: a.userId, email: a.email, account: a.account, client: a.client });
  return overall;
}

/**
 * Before any password is compared, the attempt is claimed as a failure, each counter in one atomic
 * statement, so that N parallel guesses get at most the limit's compares and the rest are refused.
 * A browser with this account's device cookie is counted in its own bucket only. Anyone else counts
 * against the address, the account from this address, and the account overall; a refused try on an
 * account past its overall limit counts as a further failure, doubling the wait, and the try that
 * first trips that limit mails the owner an unlock link.
 */
export async function claimSignIn(a: Attempt): Promise<Claim> {
  const p = parts(a);
  if (a.deviceId) {
    const device = await hit("sign_in_failures_device", p.device, { subject: a.account });
    return device.ok ? { ok: true, trusted: true } : refused("sign_in_failures_device", device.retryAfter, a);
  }
  const ip = await hit("sign_in_ip", [ipKey(a.client.ip)]);
  if (!ip.ok) return refused("sign_in_ip", ip.retryAfter, a);
  const pair = await hit("sign_in_failures_account_ip", p.accountIp, { subject: a.account });
  if (!pair.ok) return refused("sign_in_failures_account_ip", pair.retryAfter, a);
  const overall = await accountWide(a, p.account);
  if (!overall.ok) {
    await release("sign_in_failures_account_ip", p.accountIp); // never compared: not a failure from here
    return refused("sign_in_failures_account", overall.retryAfter, a);
  }
  return { ok: true, trusted: false };
}

/**
 * A second step's try (an authenticator or recovery code), claimed before the code is checked. Every
 * try, from every browser, known or not, first claims the account's code failures: a counter of their
 * own under LIMIT_SIGN_IN_FAILURES_ACCOUNT (20 an hour, the doubling back-off, the unlock mail), so N
 * browsers share one budget of codes, not 5 each. Then it is claimed as a password is (a known
 * browser's own bucket, or the address and account counters). Only a right password reaches this
 * step, so only someone who knows it can use the code budget up: strangers' wrong passwords, which
 * fill the account's password counter, never keep the owner's known browsers from their codes.
 */
export async function claimSecondStep(a: Attempt): Promise<Claim> {
  const p = parts(a);
  const codes = await accountWide(a, p.codes);
  if (!codes.ok) return refused("sign_in_failures_account", codes.retryAfter, a);
  const claim = await claimSignIn(a);
  if (!claim.ok) {
    await release("sign_in_failures_account", p.codes); // never checked
    return claim;
  }
  return { ...claim, secondStep: true };
}

/** The claim already counted the failure: only the audit trail is left. */
export async function signInFailed(a: Attempt, reason: string): Promise<void> {
  await recordEvent("sign_in.failed", { ...a.client, userId: a.userId, detail: { reason } });
}

/**
 * Gives the claim back: the device's failures, or this address's failures on the account, are
 * forgotten, and the one overall failure claimed for this attempt (and a second step's one code
 * failure) is returned; the account-wide counts of others' failures stay.
 */
export async function signInSucceeded(a: Attempt, claim: Claim): Promise<void> {
  const p = parts(a);
  if (claim.ok && claim.trusted) await clear("sign_in_failures_device", p.device);
  else
    await Promise.all([
      clear("sign_in_failures_account_ip", p.accountIp),
      release("sign_in_failures_account", p.account),
    ]);
  if (claim.ok && claim.secondStep) await release("sign_in_failures_account", p.codes);
}

/** The success's row of the activity list, written in the new session's transaction (lib/auth/sign-in-tail.ts). */
export async function recordSignIn(
  a: Attempt,
  tx: Tx,
  kind: "browser" | "api",
  method?: SignInMethod,
  provider?: { provider: string; providerName: string },
  newDevice = false,
): Promise<void> {
  await recordEvent(
    "sign_in.succeeded",
    {
      ...a.client,
      userId: a.userId,
      detail: { kind, ...(method ? { method, ...provider } : {}), ...(newDevice ? { newDevice: true } : {}) },
    },
    tx,
  );
}

/**
 * The password was right but a second factor is still owed: only this attempt's own claim is given
 * back (nothing is cleared), so a right password cannot wipe the failures that wrong codes counted.
 */
export async function signInClaimReturned(a: Attempt, claim: Claim): Promise<void> {
  const p = parts(a);
  if (claim.ok && claim.trusted) await release("sign_in_failures_device", p.device);
  else
    await Promise.all([
      release("sign_in_failures_account_ip", p.accountIp),
      release("sign_in_failures_account", p.account),
    ]);
}
