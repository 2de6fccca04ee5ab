import "server-only";
import { randomBytes } from "node:crypto";
import { generateRegistrationOptions, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { count, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { passkeys, users } from "@/db/schema";
import { uniqueViolation } from "../db-errors";
import { sendMail } from "../email/outbox";
import { passkeyNotice } from "../email/templates";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { emitWebhook } from "../webhook-events/emit";
import { passkeyData } from "../webhook-events/payloads";
import { requireRecentAuth } from "../security/recent-auth";
import type { ClientInfo } from "../client-info";
import { describeDevice } from "../sessions/device";
import type { Caller } from "../sessions/resolve";
import { validate } from "../validation";
import { challengeBytes, issueSessionChallenge, spendChallenge } from "./challenges";
import { toPasskeyDto, type PasskeyDto } from "./dto";
import { CEREMONY_MINUTES, relyingParty } from "./relying-party";
import { finishRegistrationSchema } from "./schemas";
import { userHandleOf } from "./verify";

export const MAX_PASSKEYS = 25;
const TOO_MANY = `An account can have at most ${MAX_PASSKEYS} passkeys. Remove one first.`;
export const REGISTRATION_FAILED =
  "The passkey could not be added: the browser's answer did not check out, or it took too long. Try again.";

/**
 * `POST /api/passkeys/registration/options`: creation options for a new passkey of the caller's own
 * account, after a fresh re-authentication. Discoverable (resident) credentials and user verification
 * are required; the account's passkeys are excluded, so one authenticator is not added twice.
 */
export async function registrationOptions(caller: Caller): Promise<Result<PublicKeyCredentialCreationOptionsJSON>> {
  const fresh = requireRecentAuth(caller);
  if (!fresh.ok) return fresh;
  const db = await getDb();
  const existing = await db
    .select({ credentialId: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, caller.user.id));
  if (existing.length >= MAX_PASSKEYS) return fail("conflict", TOO_MANY);
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: caller.user.username,
    userDisplayName: caller.user.displayName ?? caller.user.username,
    userID: new Uint8Array(Buffer.from(userHandleOf(caller.user.id), "base64url")),
    challenge: challengeBytes(await issueSessionChallenge("registration", caller.session.id)),
    timeout: CEREMONY_MINUTES * 60_000,
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  return ok(options);
}

/**
 * `POST /api/passkeys/registration`: the browser's answer to the options this session was given. The
 * re-authentication window is checked again here, with the same answer as the options step: the options
 * may have been issued up to CEREMONY_MINUTES ago, and a window that closed meanwhile adds no passkey.
 * The challenge is spent next (so an answer works once); origin, RP ID, user presence and verification
 * are checked by @simplewebauthn/server. The passkey is named `name`, or after the browser it was
 * added in. Records `passkey.added` and mails a notice.
 */
export async function finishRegistration(
  caller: Caller,
  input: unknown,
  client: ClientInfo,
): Promise<Result<PasskeyDto>> {
  const fresh = requireRecentAuth(caller);
  if (!fresh.ok) return fresh;
  const parsed = validate(finishRegistrationSchema, input);
  if (!parsed.ok) return parsed;
  const { response } = parsed.value;
  const challenge = await spendChallenge(response.response.clientDataJSON, "registration", {
    sessionId: caller.session.id,
  });
  if (!challenge) return fail("validation", REGISTRATION_FAILED);
  const rp = relyingParty();
  let info;
  try {
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserPresence: true,
      requireUserVerification: true,
    });
    if (!verified.verified) return fail("validation", REGISTRATION_FAILED);
    info = verified.registrationInfo;
  } catch {
    return fail("validation", REGISTRATION_FAILED);
  }
  const name = parsed.value.name ?? describeDevice(client.userAgent).slice(0, 64);
  const row = {
    id: randomBytes(16).toString("base64url"), // 128 random bits, 22 characters
    userId: caller.user.id,
    credentialId: info.credential.id,
    publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
    counter: info.credential.counter,
    transports: (info.credential.transports ?? response.response.transports ?? []).slice(0, 8),
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    name,
  };
  const db = await getDb();
  try {
    // The account's row is locked while its passkeys are counted, so parallel answers cannot pass the cap;
    // the notice is queued in the same transaction.
    const saved = await db.transaction(async (tx) => {
      await tx.select({ id: users.id }).from(users).where(eq(users.id, caller.user.id)).for("update");
      const [counted] = await tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, caller.user.id));
      if ((counted?.n ?? 0) >= MAX_PASSKEYS) return null;
      const [inserted] = await tx.insert(passkeys).values(row).returning();
      await sendMail(passkeyNotice(caller.user.email, "added", name), tx);
      await emitWebhook("passkey.added", passkeyData(caller.user.id, inserted!), tx);
      return inserted!;
    });
    if (!saved) return fail("conflict", TOO_MANY);
    await recordEvent("passkey.added", { ...client, userId: caller.user.id, detail: { name } });
    return ok(toPasskeyDto(saved));
  } catch (error) {
    if (uniqueViolation(error) !== null)
      return fail("conflict", "This passkey is already registered. Use it to sign in, or add another one.");
    throw error;
  }
}
