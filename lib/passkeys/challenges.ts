import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webauthnChallenges } from "@/db/schema";
import { hashToken, isWellFormedToken, newToken } from "../crypto/tokens";
import { CEREMONY_MINUTES } from "./relying-party";

export type CeremonyPurpose = "registration" | "sign_in" | "reauthentication";

/**
 * A new challenge for one ceremony: 32 random bytes (base64url, what WebAuthn signs), stored as its
 * SHA-256 for CEREMONY_MINUTES. Registration and re-authentication are bound to the asking session,
 * which keeps only its latest challenge of that purpose.
 */
export async function issueChallenge(purpose: CeremonyPurpose, sessionId: string | null): Promise<string> {
  const { token, hash } = newToken();
  const db = await getDb();
  if (sessionId)
    await db
      .delete(webauthnChallenges)
      .where(and(eq(webauthnChallenges.sessionId, sessionId), eq(webauthnChallenges.purpose, purpose)));
  await db.insert(webauthnChallenges).values({
    challengeHash: hash,
    purpose,
    sessionId,
    expiresAt: new Date(Date.now() + CEREMONY_MINUTES * 60_000),
  });
  return token;
}

/**
 * The challenge as the bytes the options carry: @simplewebauthn/server base64url-encodes them, which
 * gives back the same text, and that text is what clientDataJSON carries and what is hashed here.
 */
export const challengeBytes = (challenge: string) => new Uint8Array(Buffer.from(challenge, "base64url"));

/** The challenge a response's clientDataJSON carries (what the authenticator signed over), if readable. */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    const challenge = typeof data === "object" && data !== null ? (data as { challenge?: unknown }).challenge : null;
    return typeof challenge === "string" && isWellFormedToken(challenge) ? challenge : null;
  } catch {
    return null;
  }
}

/**
 * Spends the challenge a response answers, once: `delete … returning` on a live row of this purpose
 * (and this session, when bound), so of two answers to one challenge only one gets it. Spent before the
 * signature is checked, so a failed answer burns it too. The challenge, or null.
 */
export async function spendChallenge(
  clientDataJSON: string,
  purpose: CeremonyPurpose,
  sessionId: string | null,
): Promise<string | null> {
  const challenge = challengeOf(clientDataJSON);
  if (!challenge) return null;
  const db = await getDb();
  const spent = await db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.challengeHash, hashToken(challenge)),
        eq(webauthnChallenges.purpose, purpose),
        sessionId ? eq(webauthnChallenges.sessionId, sessionId) : isNull(webauthnChallenges.sessionId),
        gt(webauthnChallenges.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: webauthnChallenges.id });
  return spent.length ? challenge : null;
}
