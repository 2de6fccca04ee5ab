import "server-only";
import { fail, ok, type Result } from "../result";
import type { ClientInfo } from "../client-info";
import { spendRecoveryCode } from "../two-factor/recovery-codes";
import { spendTotpCode } from "../two-factor/totp-code";
import { recordEvent } from "../security/events";
import { claimReauth, returnReauthClaim } from "../security/reauth-limit";

type CodeCheck = { client: ClientInfo; field: string; message: string };

/**
 * Re-authentication with an authenticator-app code instead of the password: counted exactly like a
 * current password (`reauth_account` claimed before the check, given back when right, `mfa.failed`
 * when wrong; past the limit the wait doubles: lib/security/reauth-limit.ts). A replayed code is wrong.
 */
export async function checkReauthCode(userId: string, code: string, opts: CodeCheck): Promise<Result<void>> {
  return counted(userId, "totp", () => spendTotpCode(userId, code), opts);
}

/**
 * Re-authentication with one of the account's recovery codes: counted like the others; a right one is
 * spent (single use), recorded as `mfa.recovery_code_used` (detail purpose `reauthenticate`) and
 * mailed to the account's address, in the transaction that spends it, as a code used to sign in is.
 */
export async function checkReauthRecoveryCode(
  user: { id: string; email: string },
  recoveryCode: string,
  opts: CodeCheck,
): Promise<Result<void>> {
  const use = { purpose: "reauthenticate", client: opts.client } as const;
  return counted(
    user.id,
    "recovery_code",
    async () => (await spendRecoveryCode(user, recoveryCode, use)) !== null,
    opts,
  );
}

async function counted(
  userId: string,
  method: "totp" | "recovery_code",
  spend: () => Promise<boolean>,
  opts: CodeCheck,
): Promise<Result<void>> {
  const claim = await claimReauth(userId, opts.client);
  if (!claim.ok) return claim;
  if (await spend()) {
    await returnReauthClaim(userId);
    return ok(undefined);
  }
  await recordEvent("mfa.failed", {
    ...opts.client,
    userId,
    detail: method === "totp" ? { purpose: "reauthenticate" } : { purpose: "reauthenticate", method },
  });
  return fail("forbidden", opts.message, { fields: { [opts.field]: [opts.message] } });
}
