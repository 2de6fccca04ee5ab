import "server-only";
import { fail, ok, type Result } from "../result";
import type { ClientInfo } from "../sessions/client-info";
import { spendTotpCode } from "../two-factor/totp-code";
import { recordEvent } from "./events";
import { recordLimitHit } from "./limit-events";
import { hit, release } from "./rate-limit";
import { rateLimited } from "./rate-limited";

/**
 * Re-authentication with an authenticator-app code instead of the password: counted exactly like a
 * current password (`reauth_account` claimed before the check, given back when right, `reauth.failed`
 * when wrong). A replayed code is wrong.
 */
export async function checkReauthCode(
  userId: string,
  code: string,
  opts: { client: ClientInfo; field: string; message: string },
): Promise<Result<void>> {
  const claim = await hit("reauth_account", [userId]);
  if (!claim.ok) {
    await recordLimitHit("reauth_account", userId, { ...opts.client, userId });
    return rateLimited(claim.retryAfter);
  }
  if (await spendTotpCode(userId, code)) {
    await release("reauth_account", [userId]);
    return ok(undefined);
  }
  await recordEvent("reauth.failed", { ...opts.client, userId, detail: { purpose: "reauthenticate", method: "totp" } });
  return fail("forbidden", opts.message, { fields: { [opts.field]: [opts.message] } });
}
