import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { ok, type Result } from "../result";
import { WRONG_PASSWORD } from "../messages";
import type { ClientInfo } from "../client-info";
import type { Caller } from "../sessions/resolve";
import { validate } from "../validation";
import { checkCurrentPassword } from "./password";
import { checkReauthCode, checkReauthRecoveryCode } from "./code";
import { checkReauthPasskey } from "../passkeys/reauth";
import { reauthenticateSchema, type ReauthenticateInput } from "./schemas";

export const WRONG_CODE_MESSAGE = "That code is not right.";
export const WRONG_RECOVERY_CODE_MESSAGE = "That recovery code is not right, or it has been used.";
export const WRONG_PASSKEY_MESSAGE = "That passkey could not confirm it is you. Try again, or use your password.";

/**
 * `POST /api/sessions/current/reauthenticate` and the re-authentication prompt: the current password
 * (or a two-factor code, one of the account's recovery codes (spent, recorded and mailed), or one of the
 * account's passkeys) proves it is still the account's holder, and the session's
 * `reauthenticated_at` becomes now. Wrong tries count per account (`reauth_account`, the limit the
 * password change and account deletion share): 403 when wrong, 429 + Retry-After over the limit.
 */
export async function reauthenticate(caller: Caller, input: unknown, client: ClientInfo): Promise<Result<void>> {
  const parsed = validate(reauthenticateSchema, input);
  if (!parsed.ok) return parsed;
  const proof = await checkProof(caller, parsed.value, client);
  if (!proof.ok) return proof;
  await markReauthenticated(caller.session.id);
  return ok(undefined);
}

/** The one proof given, checked and counted by its own check. */
async function checkProof(caller: Caller, proof: ReauthenticateInput, client: ClientInfo): Promise<Result<void>> {
  if (proof.passkey)
    return checkReauthPasskey(caller, proof.passkey, { client, field: "passkey", message: WRONG_PASSKEY_MESSAGE });
  if (proof.code)
    return checkReauthCode(caller.user.id, proof.code, { client, field: "code", message: WRONG_CODE_MESSAGE });
  if (proof.recoveryCode)
    return checkReauthRecoveryCode(caller.user, proof.recoveryCode, {
      client,
      field: "recoveryCode",
      message: WRONG_RECOVERY_CODE_MESSAGE,
    });
  return checkCurrentPassword(caller.user.id, proof.password, {
    purpose: "reauthenticate",
    client,
    field: "password",
    message: WRONG_PASSWORD,
  });
}

/** Sets the session's proof time to now (the database's clock). */
export async function markReauthenticated(sessionId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(sessions)
    .set({ reauthenticatedAt: sql`now()` })
    .where(eq(sessions.id, sessionId));
}
