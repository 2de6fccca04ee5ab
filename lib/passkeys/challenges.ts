import "server-only";
import { and, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { webauthnChallenges } from "@/db/schema";
import { hashToken, isWellFormedToken, newToken } from "../crypto/tokens";
import { getEnv } from "../env";
import { ipKey } from "../security/ip-key";
import { CEREMONY_MINUTES } from "./relying-party";

export type CeremonyPurpose = "registration" | "sign_in" | "reauthentication";

/**
 * Whom a challenge belongs to, and so who may spend it: registration and re-authentication belong to the
 * signed-in session that asked; a sign-in (no one is signed in yet) to the holder of a binding secret handed
 * to the asking client (a browser's HttpOnly cookie, an API client's `binding` field). A client may hold a
 * few secrets at once (a browser with two sign-in tabs), hence a list.
 */
export type ChallengeOwner = { sessionId: string } | { bindings: readonly string[] };

/** Expired rows each issuance deletes on its way (any purpose), so issuing can never outgrow the cleanup. */
export const PURGE_PER_ISSUE = 10;
/** The class of the transaction-level advisory locks that serialise one client's sign-in issuances. */
const CLIENT_LOCK_CLASS = 720_431_907;

const lifetime = sql`now() + ${CEREMONY_MINUTES}::int * interval '1 minute'`;

/**
 * Deletes up to PURGE_PER_ISSUE expired challenges (`for update skip locked`: parallel issuers take
 * different rows and never wait). Each issuance adds at most one row and removes up to ten expired ones,
 * so expired rows go at least as fast as they come, whatever the maintenance schedule.
 */
async function purgeExpired(db: Db): Promise<void> {
  await db.delete(webauthnChallenges).where(
    inArray(
      webauthnChallenges.id,
      db
        .select({ id: webauthnChallenges.id })
        .from(webauthnChallenges)
        .where(lte(webauthnChallenges.expiresAt, sql`now()`))
        .limit(PURGE_PER_ISSUE)
        .for("update", { skipLocked: true }),
    ),
  );
}

/**
 * A new registration or re-authentication challenge: 32 random bytes (base64url, what WebAuthn signs),
 * stored as its SHA-256 for CEREMONY_MINUTES, bound to the asking session, which keeps only its latest
 * challenge of that purpose (so a session holds at most one of each: these need no cap of their own).
 */
export async function issueSessionChallenge(
  purpose: "registration" | "reauthentication",
  sessionId: string,
): Promise<string> {
  const { token, hash } = newToken();
  const db = await getDb();
  await purgeExpired(db);
  await db
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.sessionId, sessionId), eq(webauthnChallenges.purpose, purpose)));
  await db.insert(webauthnChallenges).values({ challengeHash: hash, purpose, sessionId, expiresAt: lifetime });
  return token;
}

/**
 * The stored key of the asking client: the SHA-256 of its address key (lib/security/ip-key.ts: an IPv4
 * address, an IPv6 /64), so the table holds no address, and rotating within a /64 buys no fresh places.
 */
export const clientKeyOf = (ip: string | null | undefined) => hashToken(`passkey-client\u0000${ipKey(ip)}`);

export type SignInChallenge =
  { ok: true; challenge: string; binding: string } | { ok: false; cap: "client" | "total"; retryAfter: number };

/**
 * A new sign-in challenge, bound to a fresh 32-byte binding secret (only its SHA-256 is stored; the secret
 * goes back to the asking client, and spending the challenge needs it), and counted against two caps:
 * PASSKEY_CHALLENGES_PER_CLIENT live challenges per client (`clientKeyOf` its address) and
 * PASSKEY_CHALLENGES_TOTAL live challenges overall. Both counts are inside the insert (`insert … select …
 * where (select count(*) …) < n`). On PostgreSQL that statement alone would not stop parallel requests:
 * each sees the others' rows only once they commit. So one client's issuances take turns on a transaction-level
 * advisory lock, and each counts after the one before it committed: one client never passes its cap. The total
 * is not serialised (that would queue every client behind one lock); parallel issuers of different clients can
 * pass it by at most their number, which the database pool bounds.
 */
export async function issueSignInChallenge(ip: string | null): Promise<SignInChallenge> {
  const clientKey = clientKeyOf(ip);
  const { token, hash } = newToken();
  const binding = newToken();
  const { PASSKEY_CHALLENGES_PER_CLIENT: perClient, PASSKEY_CHALLENGES_TOTAL: total } = getEnv();
  const db = await getDb();
  await purgeExpired(db);
  const live = gt(webauthnChallenges.expiresAt, sql`now()`);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLIENT_LOCK_CLASS}::int, hashtext(${clientKey}::text))`);
    const mine = tx
      .select({ n: sql`count(*)` })
      .from(webauthnChallenges)
      .where(and(eq(webauthnChallenges.clientKey, clientKey), live));
    // Stops counting at the cap: a full table costs one bounded index scan, not a count of everything.
    const capped = sql`select 1 from ${webauthnChallenges} where ${live} limit ${total}::int`;
    const everyone = sql`(select count(*) from (${capped}) t)`;
    const inserted = await tx
      .insert(webauthnChallenges)
      .select(
        tx
          .select({
            id: sql<string>`gen_random_uuid()`.as("id"),
            challengeHash: sql<string>`${hash}::text`.as("challenge_hash"),
            purpose: sql<"sign_in">`'sign_in'::webauthn_purpose`.as("purpose"),
            sessionId: sql<string | null>`null::uuid`.as("session_id"),
            bindingHash: sql<string>`${binding.hash}::text`.as("binding_hash"),
            clientKey: sql<string>`${clientKey}::text`.as("client_key"),
            createdAt: sql<Date>`now()`.as("created_at"),
            expiresAt: sql<Date>`${lifetime}`.as("expires_at"),
          })
          .from(sql`(select 1) as one`)
          .where(sql`(${mine}) < ${perClient}::int and ${everyone} < ${total}::int`),
      )
      .returning({ id: webauthnChallenges.id });
    if (inserted.length) return { ok: true, challenge: token, binding: binding.token } as const;
    // Refused: whose cap, and when its oldest live challenge ends (a place frees up then).
    const [own] = await tx
      .select({
        n: sql<number>`count(*)::int`,
        wait: sql<number | null>`extract(epoch from min(${webauthnChallenges.expiresAt}) - now())`,
      })
      .from(webauthnChallenges)
      .where(and(eq(webauthnChallenges.clientKey, clientKey), live));
    if ((own?.n ?? 0) >= perClient) return { ok: false, cap: "client", retryAfter: seconds(own?.wait) } as const;
    const [all] = await tx
      .select({ wait: sql<number | null>`extract(epoch from min(${webauthnChallenges.expiresAt}) - now())` })
      .from(webauthnChallenges)
      .where(live);
    return { ok: false, cap: "total", retryAfter: seconds(all?.wait) } as const;
  });
}

const seconds = (wait: number | string | null | undefined) =>
  Math.min(CEREMONY_MINUTES * 60, Math.max(1, Math.ceil(Number(wait ?? 60) || 60)));

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
 * whose owner is the one given — this session, or (a sign-in) a binding secret whose hash the row holds —
 * so of two answers to one challenge only one gets it, and an answer sent by a client that does not hold
 * the binding matches nothing (it neither spends nor learns anything: the same as an unknown challenge).
 * Spent before the signature is checked, so a failed answer from the owner burns it too. The challenge, or null.
 */
export async function spendChallenge(
  clientDataJSON: string,
  purpose: CeremonyPurpose,
  owner: ChallengeOwner,
): Promise<string | null> {
  const challenge = challengeOf(clientDataJSON);
  if (!challenge) return null;
  const bindings = "bindings" in owner ? owner.bindings.filter(isWellFormedToken).slice(0, 8) : [];
  if ("bindings" in owner && !bindings.length) return null;
  const db = await getDb();
  const spent = await db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.challengeHash, hashToken(challenge)),
        eq(webauthnChallenges.purpose, purpose),
        "sessionId" in owner
          ? eq(webauthnChallenges.sessionId, owner.sessionId)
          : and(isNull(webauthnChallenges.sessionId), inArray(webauthnChallenges.bindingHash, bindings.map(hashToken))),
        gt(webauthnChallenges.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: webauthnChallenges.id });
  return spent.length ? challenge : null;
}
