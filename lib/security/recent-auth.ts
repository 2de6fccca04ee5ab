import "server-only";
import { getEnv } from "../env";
import { fail, ok, type Result } from "../result";

/** What the check reads: a Caller fits, and so does anything carrying its session's proof time. */
export type WithProof = { session: { reauthenticatedAt: Date } };

export const REAUTH_REQUIRED_MESSAGE = "Confirm it is you first: enter your password again.";

/** Whether the caller's session proved who its holder is within REAUTH_MINUTES (sign-in or re-authentication). */
export function isRecentlyAuthenticated(caller: WithProof, now = Date.now()): boolean {
  return now - caller.session.reauthenticatedAt.getTime() < getEnv().REAUTH_MINUTES * 60_000;
}

/**
 * The check every sensitive change makes first (two-factor on/off, new recovery codes, passkeys, admin
 * actions): without a recent proof it fails `forbidden` with the reason `reauthentication_required` —
 * the API answers 403 with that problem `code`, a form state carries `reason` so the page can ask in place.
 */
export function requireRecentAuth(caller: WithProof): Result<void> {
  return isRecentlyAuthenticated(caller)
    ? ok(undefined)
    : fail("forbidden", REAUTH_REQUIRED_MESSAGE, { reason: "reauthentication_required" });
}
