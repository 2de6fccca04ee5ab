import "server-only";
import type { ClientInfo } from "../client-info";
import type { Result } from "../result";
import { claimLimit } from "./limit-events";
import { release } from "./rate-limit";

/**
 * The one counter of a signed-in person's proofs of identity: the current password (password change,
 * email change, account deletion, re-authentication), an authenticator code, a recovery code and a
 * passkey all claim `reauth_account` (LIMIT_REAUTH_ACCOUNT, 5 per 15 minutes) before the check and give
 * it back when the proof was right. One counter, so switching between ways buys no tries.
 *
 * Past the limit it backs off as the sign-in limit does (`backoff`, lib/security/rate-limit.ts): each
 * refused try doubles the wait, up to a day, and the doubling outlives the window. Without it a stolen
 * session that waited out each window had 5 guesses every 15 minutes, about 480 a day, for ever.
 */
export function claimReauth(userId: string, client: ClientInfo): Promise<Result<void>> {
  return claimLimit("reauth_account", [userId], { subject: userId, context: { ...client, userId } }, { backoff: true });
}

/** The proof was right: its claim does not count. */
export function returnReauthClaim(userId: string): Promise<void> {
  return release("reauth_account", [userId]);
}
