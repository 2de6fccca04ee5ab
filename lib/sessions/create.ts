import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { newToken } from "../crypto/tokens";
import { getEnv } from "../env";
import { emitWebhook } from "../webhook-events/emit";
import { sessionCreatedData } from "../webhook-events/payloads";
import { enforceSessionCap } from "./cap";
import type { ClientInfo } from "../client-info";

export type NewSession = { id: string; token: string; expiresAt: Date };

/** What a sign-in writes in its session's own transaction (lib/auth/sign-in-tail.ts): its event, its mail. */
export type WithSession = (tx: Tx, sessionId: string) => Promise<void>;

const expiry = () => new Date(Date.now() + getEnv().SESSION_TTL_DAYS * 86_400_000);
const where = (client: ClientInfo) => ({
  ip: client.ip?.slice(0, 64) ?? null,
  userAgent: client.userAgent?.slice(0, 512) ?? null,
});

/** Inserts a session row and returns its token: the only time the token exists outside the caller. */
export async function createSession(userId: string, kind: "browser" | "api", client: ClientInfo): Promise<NewSession> {
  const { token, hash } = newToken();
  const expiresAt = expiry();
  const db = await getDb();
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessions)
      .values({ userId, tokenHash: hash, kind, expiresAt, ...where(client) })
      .returning({ id: sessions.id });
    await emitWebhook("session.created", sessionCreatedData({ id: row!.id, userId, kind }), tx);
    return row!.id;
  });
  return { id, token, expiresAt };
}

/**
 * A sign-in's session: inserted only while `comparedHash` (the hash the password was checked against)
 * is still the account's and the account is not disabled, read under the account's row lock (`for no key
 * update`) in the transaction that inserts it, so a sign-in that compared the old password cannot outlive a
 * password change made meanwhile: null then. The same transaction ends the sessions beyond
 * SESSIONS_PER_ACCOUNT (lib/sessions/cap.ts) and writes `along`'s rows: all of it commits, or none.
 */
export function createSessionIfPasswordUnchanged(
  userId: string,
  comparedHash: string,
  kind: "browser" | "api",
  client: ClientInfo,
  along?: WithSession,
): Promise<NewSession | null> {
  return createSessionIf(userId, comparedHash, kind, client, along);
}

/** A passkey sign-in's session: inserted only while the account is not disabled (one statement). */
export function createSessionIfActive(
  userId: string,
  kind: "browser" | "api",
  client: ClientInfo,
  along?: WithSession,
): Promise<NewSession | null> {
  return createSessionIf(userId, null, kind, client, along);
}

async function createSessionIf(
  userId: string,
  comparedHash: string | null,
  kind: "browser" | "api",
  client: ClientInfo,
  along?: WithSession,
): Promise<NewSession | null> {
  const { token, hash } = newToken();
  const expiresAt = expiry();
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The account's row lock: a password change or disabling still in its transaction is waited for, then
    // seen; parallel sign-ins of one account queue here, so the cap below counts one after another.
    const [user] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        and(
          eq(users.id, userId),
          comparedHash === null ? undefined : eq(users.passwordHash, comparedHash),
          isNull(users.disabledAt),
        ),
      )
      .for("no key update");
    if (!user) return null;
    const [row] = await tx
      .insert(sessions)
      // A sign-in's session is the owner's own (no impersonation), re-authenticated now.
      .values({ userId, tokenHash: hash, kind, expiresAt, reauthenticatedAt: sql`now()`, ...where(client) })
      .returning({ id: sessions.id });
    await emitWebhook("session.created", sessionCreatedData({ id: row!.id, userId, kind }), tx);
    await enforceSessionCap(tx, user, row!.id, client);
    await along?.(tx, row!.id);
    return { id: row!.id, token, expiresAt };
  });
}
