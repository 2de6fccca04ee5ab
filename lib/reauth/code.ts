import "server-only";
import { fail, ok, type Result } from "../result";
import type { ClientInfo } from "../client-info";
import { spendRecoveryCode } from "../two-factor/recovery-codes";
import { spendTotpCode } from "../two-factor/totp-code";
import { recordEvent } from "../security/events";
import { recordLimitHit } from "../security/limit-events";
import { hit, release } from "../security/rate-limit";
import { rateLimited } from "../security/rate-limited";

type CodeCheck = { client: ClientInfo; field: string; message: string };

/**
 * Re-authentication with an authenticator-app code instead of the password: counted exactly like a
 * current password (`reauth_account` claimed before the check, given back when right, `mfa.failed`
 * when wrong). A replayed code is wrong.
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
  const claim = await hit("reauth_account", [userId]);
  if (!claim.ok) {
    await recordLimitHit("reauth_account", userId, { ...opts.client, userId });
    return rateLimited(claim.retryAfter);
  }
  if (await spend()) {
    await release("reauth_account", [userId]);
    return ok(undefined);
  }
  await recordEvent("mfa.failed", {
    ...opts.client,
    userId,
    detail: method === "totp" ? { purpose: "reauthenticate" } : { purpose: "reauthenticate", method },
  });
  return fail("forbidden", opts.message, { fields: { [opts.field]: [opts.message] } });
}
