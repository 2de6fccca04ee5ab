import "server-only";
import { getEnv } from "../env";
import { fail, ok, type Result } from "../result";

/**
 * What the check reads: a Caller fits, and so does anything carrying its session's proof time (and, for an
 * administrator acting as the account, who: lib/sessions/resolve.ts).
 */
export type WithProof = { session: { reauthenticatedAt: Date; impersonator?: { id: string } | null } };

export const REAUTH_REQUIRED_MESSAGE = "Confirm it is you first: enter your password again.";
export const NOT_WHILE_IMPERSONATING =
  "Not while acting as someone else: passwords, email, two-factor, passkeys, keys, connected accounts, " +
  "exports and deletion are left to the account's owner.";

/**
 * The one refusal of an administrator acting as the account (an impersonation session): every sensitive
 * change asks requireRecentAuth or lib/reauth/password.ts#checkCurrentPassword, and both ask this first, so
 * no proof, recent or typed, lets an impersonation change a way in, the email, keys, or delete the account.
 */
export function refuseImpersonation(session: WithProof["session"] | undefined): Result<void> {
  return session?.impersonator
    ? fail("forbidden", NOT_WHILE_IMPERSONATING, { reason: "impersonating" })
    : ok(undefined);
}

/** Whether the caller's session proved who its holder is within REAUTH_MINUTES (sign-in or re-authentication). */
export function isRecentlyAuthenticated(caller: WithProof, now = Date.now()): boolean {
  return (
    !caller.session.impersonator && now - caller.session.reauthenticatedAt.getTime() < getEnv().REAUTH_MINUTES * 60_000
  );
}

/**
 * The check every sensitive change makes first (two-factor on/off, new recovery codes, passkeys, admin
 * actions): without a recent proof it fails `forbidden` with the reason `reauthentication_required` —
 * the API answers 403 with that problem `code`, a form state carries `reason` so the page can ask in place.
 */
export function requireRecentAuth(caller: WithProof): Result<void> {
  const own = refuseImpersonation(caller.session);
  if (!own.ok) return own;
  return isRecentlyAuthenticated(caller)
    ? ok(undefined)
    : fail("forbidden", REAUTH_REQUIRED_MESSAGE, { reason: "reauthentication_required" });
}
