import "server-only";
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { passkeys } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { claimReauth, returnReauthClaim } from "../security/reauth-limit";
import type { ClientInfo } from "../client-info";
import type { Caller } from "../sessions/resolve";
import { challengeBytes, issueSessionChallenge } from "./challenges";
import { CEREMONY_MINUTES, relyingParty } from "./relying-party";
import { findPasskey, verifyAssertion, type AuthenticationResponse } from "./verify";

export const NO_PASSKEYS = "This account has no passkey yet. Use your password instead.";

/**
 * `POST /api/sessions/current/reauthenticate/options`: request options naming the caller's own
 * passkeys, with a challenge bound to this session (the re-authentication it renews).
 */
export async function reauthOptions(caller: Caller): Promise<Result<PublicKeyCredentialRequestOptionsJSON>> {
  const db = await getDb();
  const own = await db
    .select({ credentialId: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, caller.user.id));
  if (!own.length) return fail("not_found", NO_PASSKEYS);
  return ok(
    await generateAuthenticationOptions({
      rpID: relyingParty().id,
      allowCredentials: own.map((p) => ({ id: p.credentialId, transports: p.transports })),
      challenge: challengeBytes(await issueSessionChallenge("reauthentication", caller.session.id)),
      timeout: CEREMONY_MINUTES * 60_000,
      userVerification: "required",
    }),
  );
}

/**
 * Re-authentication with one of the caller's passkeys: counted like a current password
 * (`reauth_account` claimed first, given back when good; `reauth.failed` when not). Another account's
 * passkey, a challenge of another session, or an answer for another origin is refused.
 */
export async function checkReauthPasskey(
  caller: Caller,
  response: AuthenticationResponse,
  opts: { client: ClientInfo; field: string; message: string },
): Promise<Result<void>> {
  const userId = caller.user.id;
  const claim = await claimReauth(userId, opts.client);
  if (!claim.ok) return claim;
  const passkey = await findPasskey(response.id);
  const verified =
    passkey && passkey.userId === userId
      ? await verifyAssertion(response, passkey, "reauthentication", { sessionId: caller.session.id })
      : null;
  if (passkey && verified?.ok) {
    await returnReauthClaim(userId);
    await recordEvent("passkey.used", {
      ...opts.client,
      userId,
      detail: { purpose: "reauthenticate", name: passkey.name },
    });
    return ok(undefined);
  }
  if (passkey && verified && !verified.ok && verified.refusal === "counter")
    await recordEvent("passkey.counter_regressed", { ...opts.client, userId, detail: { name: passkey.name } });
  await recordEvent("reauth.failed", {
    ...opts.client,
    userId,
    detail: { purpose: "reauthenticate", method: "passkey" },
  });
  return fail("forbidden", opts.message, { fields: { [opts.field]: [opts.message] } });
}
