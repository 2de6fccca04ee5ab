import "server-only";
import { verifyPassword } from "../crypto/passwords";
import { fail, ok, type Result } from "../result";
import type { ClientInfo } from "../client-info";
import { currentPasswordHash } from "../users/password-check";
import { recordEvent } from "../security/events";
import { claimReauth, returnReauthClaim } from "../security/reauth-limit";
import { refuseImpersonation, requireRecentAuth, type WithProof } from "../security/recent-auth";

/** Said when a password is offered as the proof of an account that has none. */
export const NO_PASSWORD =
  "Your account has no password. Confirm it is you with a passkey, a code or your connected account instead.";

/** What the current password is being asked for (recorded on `reauth.failed`). */
export type ReauthPurpose = "password_change" | "email_change" | "account_delete" | "reauthenticate";

/**
 * The one check of a signed-in person's current password (password change, email change, account
 * deletion; later two-factor's reauthenticate). A stolen session must not be a password oracle, so
 * wrong passwords count per account (`reauth_account`, LIMIT_REAUTH_ACCOUNT, default 5 per 15 minutes, with
 * the doubling back-off: lib/security/reauth-limit.ts).
 *
 * The attempt is claimed atomically *before* the bcrypt compare (one INSERT … ON CONFLICT … RETURNING:
 * parallel tries serialise on the row, so N at once get at most the limit's compares) and given back
 * when the password was right. Over the limit: `rate_limited` (429 + Retry-After; the forms say "Too
 * many attempts…"), with no compare at all, right password or not. Each wrong one records `reauth.failed`.
 *
 * An account without a password (null hash) has nothing to type: for a change that would otherwise ask for the
 * current password, the `session`'s recent re-authentication stands in for it (requireRecentAuth: 403
 * `reauthentication_required` outside the window or without a session, which the forms answer with "Confirm it
 * is you"); for the re-authentication itself, a password offered is refused with NO_PASSWORD, uncounted: there
 * is nothing to guess.
 */
export async function checkCurrentPassword(
  userId: string,
  password: string | undefined,
  opts: { purpose: ReauthPurpose; client: ClientInfo; field: string; message: string; session?: WithProof["session"] },
): Promise<Result<void>> {
  const own = refuseImpersonation(opts.session); // an administrator acting as the account, even knowing the password
  if (!own.ok) return own;
  const hash = await currentPasswordHash(userId);
  if (hash === null)
    return opts.purpose === "reauthenticate"
      ? fail("forbidden", NO_PASSWORD, { fields: { [opts.field]: [NO_PASSWORD] } })
      : requireRecentAuth({ session: opts.session ?? { reauthenticatedAt: new Date(0) } });
  const wrong = fail("forbidden", opts.message, { fields: { [opts.field]: [opts.message] } });
  if (!password) return wrong; // nothing was guessed: no compare, nothing to count
  const claim = await claimReauth(userId, opts.client);
  if (!claim.ok) return claim;
  if (await verifyPassword(password, hash)) {
    await returnReauthClaim(userId);
    return ok(undefined);
  }
  await recordEvent("reauth.failed", { ...opts.client, userId, detail: { purpose: opts.purpose } });
  return wrong;
}
