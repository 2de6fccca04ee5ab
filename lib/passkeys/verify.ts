import "server-only";
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { passkeys, type PasskeyRow } from "@/db/schema";
import { spendChallenge, type CeremonyPurpose, type ChallengeOwner } from "./challenges";
import { relyingParty } from "./relying-party";
import type { authenticationResponseSchema } from "./schemas";

export type AuthenticationResponse = z.output<typeof authenticationResponseSchema>;

/** Why an answer was refused: no live challenge, a bad signature (or origin, RP ID, flags), a counter gone back. */
export type AssertionRefusal = "challenge" | "signature" | "counter";

/** The WebAuthn user handle of an account: its id's 16 bytes (opaque; never the username or email). */
export const userHandleOf = (userId: string) => Buffer.from(userId.replace(/-/g, ""), "hex").toString("base64url");

export async function findPasskey(credentialId: string): Promise<PasskeyRow | null> {
  const db = await getDb();
  const [row] = await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId)).limit(1);
  return row ?? null;
}

/**
 * Checks an authentication answer made with `passkey`: its challenge is spent (this purpose, this owner:
 * the session, or a sign-in's binding secret), the signature, origin (APP_URL's), RP ID and user
 * verification are verified by @simplewebauthn/server, the user handle (when sent) must be the passkey's
 * account, and the signature counter must go forward — unless both the stored and the new one are 0 (an authenticator that keeps
 * none, as synced passkeys do). The counter is compared after the signature, so only the key's holder
 * can report a counter that went back (a cloned authenticator), and it is moved with a compare-and-set,
 * so two answers carrying one counter cannot both pass.
 */
export async function verifyAssertion(
  response: AuthenticationResponse,
  passkey: PasskeyRow,
  purpose: CeremonyPurpose,
  owner: ChallengeOwner,
): Promise<{ ok: true; passkey: PasskeyRow } | { ok: false; refusal: AssertionRefusal }> {
  const challenge = await spendChallenge(response.response.clientDataJSON, purpose, owner);
  if (!challenge) return { ok: false, refusal: "challenge" };
  if (response.response.userHandle && response.response.userHandle !== userHandleOf(passkey.userId))
    return { ok: false, refusal: "signature" };
  const rp = relyingParty();
  let newCounter: number;
  let backedUp: boolean;
  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      // Compared below, after the signature is known to be good.
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
        counter: 0,
        transports: passkey.transports,
      },
    });
    if (!verified.verified) return { ok: false, refusal: "signature" };
    newCounter = verified.authenticationInfo.newCounter;
    backedUp = verified.authenticationInfo.credentialBackedUp;
  } catch {
    return { ok: false, refusal: "signature" };
  }
  const stored = passkey.counter;
  if ((newCounter > 0 || stored > 0) && newCounter <= stored) return { ok: false, refusal: "counter" };
  const db = await getDb();
  const [updated] = await db
    .update(passkeys)
    .set({ counter: newCounter, backedUp, lastUsedAt: new Date() })
    .where(and(eq(passkeys.id, passkey.id), eq(passkeys.counter, stored)))
    .returning();
  return updated ? { ok: true, passkey: updated } : { ok: false, refusal: "counter" };
}
