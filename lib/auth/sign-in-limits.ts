import "server-only";
import { recordEvent } from "../security/events";
import { recordLimitHit } from "../security/limit-events";
import { ipKey } from "../security/ip-key";
import { clear, hit, peek, ruleFor, type LimitName } from "../security/rate-limit";
import type { ClientInfo } from "../sessions/client-info";

/**
 * The limits around a sign-in. `account` is the account's id when it exists, otherwise the
 * normalised login (lower-cased username key or email), so an unknown name is limited exactly like a
 * known one and neither case tricks nor switching between username and email buy more tries.
 */
export type Attempt = { account: string; userId: string | null; client: ClientInfo };

const parts = (a: Attempt) => ({ accountIp: [a.account, ipKey(a.client.ip)], account: [a.account] });

async function refused(name: LimitName, retryAfter: number, a: Attempt) {
  await recordLimitHit(name, a.account, { ...a.client, userId: a.userId });
  return { ok: false as const, retryAfter };
}

/** Admitted, and whether this account already has failures counted from this address (to clear on success). */
export type Admission = { ok: true; failuresFromHere: boolean } | { ok: false; retryAfter: number };

/**
 * Before any password is compared: counts the attempt against the address, and refuses when the
 * address, the account from this address, or the account overall has run out (the two account
 * limits are read in one query). A refused attempt on an account past its overall limit counts as a
 * further failure, doubling the wait.
 */
export async function admitSignIn(a: Attempt): Promise<Admission> {
  const ip = await hit("sign_in_ip", [ipKey(a.client.ip)]);
  if (!ip.ok) return refused("sign_in_ip", ip.retryAfter, a);
  const { accountIp, account } = parts(a);
  const [pair, overall] = await peek(
    { name: "sign_in_failures_account_ip", parts: accountIp },
    { name: "sign_in_failures_account", parts: account },
  );
  if (!pair.ok) return refused("sign_in_failures_account_ip", pair.retryAfter, a);
  if (!overall.ok) {
    const longer = await hit("sign_in_failures_account", account, { backoff: true });
    if (!longer.ok) return refused("sign_in_failures_account", longer.retryAfter, a);
  }
  return { ok: true, failuresFromHere: pair.remaining < ruleFor("sign_in_failures_account_ip").count };
}

export async function signInFailed(a: Attempt, reason: string): Promise<void> {
  const { accountIp, account } = parts(a);
  await hit("sign_in_failures_account_ip", accountIp);
  await hit("sign_in_failures_account", account, { backoff: true });
  await recordEvent("sign_in.failed", { ...a.client, userId: a.userId, detail: { reason } });
}

/**
 * Forgets this address's failures on the account, when admission saw any: most sign-ins have none, and
 * skip the delete. (A failure counted between admission and here stays until its window ends.)
 */
export async function signInSucceeded(a: Attempt, kind: "browser" | "api", admission: Admission): Promise<void> {
  if (admission.ok && admission.failuresFromHere) await clear("sign_in_failures_account_ip", parts(a).accountIp);
  await recordEvent("sign_in.succeeded", { ...a.client, userId: a.userId, detail: { kind } });
}
