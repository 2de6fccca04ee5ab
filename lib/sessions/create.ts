import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { newToken } from "../crypto/tokens";
import { getEnv } from "../env";
import type { ClientInfo } from "../client-info";

export type NewSession = { id: string; token: string; expiresAt: Date };

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
  const [row] = await db
    .insert(sessions)
    .values({ userId, tokenHash: hash, kind, expiresAt, ...where(client) })
    .returning({ id: sessions.id });
  return { id: row!.id, token, expiresAt };
}

/**
 * A sign-in's session: inserted only while `comparedHash` (the hash the password was checked against)
 * is still the account's and the account is not disabled, in one statement (`insert … select … where`),
 * so a sign-in that compared the old password cannot outlive a password change made meanwhile: null then.
 * The account's row is read `for share`: a change still in its transaction is waited for, then seen.
 */
export function createSessionIfPasswordUnchanged(
  userId: string,
  comparedHash: string,
  kind: "browser" | "api",
  client: ClientInfo,
): Promise<NewSession | null> {
  return createSessionIf(userId, comparedHash, kind, client);
}

/** A passkey sign-in's session: inserted only while the account is not disabled (one statement). */
export function createSessionIfActive(
  userId: string,
  kind: "browser" | "api",
  client: ClientInfo,
): Promise<NewSession | null> {
  return createSessionIf(userId, null, kind, client);
}

async function createSessionIf(
  userId: string,
  comparedHash: string | null,
  kind: "browser" | "api",
  client: ClientInfo,
): Promise<NewSession | null> {
  const { token, hash } = newToken();
  const expiresAt = expiry();
  const { ip, userAgent } = where(client);
  const db = await getDb();
  const [row] = await db
    .insert(sessions)
    .select(
      db
        .select({
          id: sql<string>`gen_random_uuid()`.as("id"),
          userId: users.id,
          tokenHash: sql<string>`${hash}::text`.as("token_hash"),
          kind: sql<"browser" | "api">`${kind}::session_kind`.as("kind"),
          createdAt: sql<Date>`now()`.as("created_at"),
          lastSeenAt: sql<Date>`now()`.as("last_seen_at"),
          expiresAt: sql<Date>`${expiresAt.toISOString()}::timestamptz`.as("expires_at"),
          ip: sql<string | null>`${ip}::text`.as("ip"),
          userAgent: sql<string | null>`${userAgent}::text`.as("user_agent"),
          reauthenticatedAt: sql<Date>`now()`.as("reauthenticated_at"),
          // A sign-in's session is the owner's own: no impersonation.
          impersonatorId: sql<string | null>`null::uuid`.as("impersonator_id"),
          impersonationReason: sql<string | null>`null::text`.as("impersonation_reason"),
          parentSessionId: sql<string | null>`null::uuid`.as("parent_session_id"),
        })
        .from(users)
        .where(
          and(
            eq(users.id, userId),
            comparedHash === null ? undefined : eq(users.passwordHash, comparedHash),
            isNull(users.disabledAt),
          ),
        )
        .for("share"),
    )
    .returning({ id: sessions.id });
  return row ? { id: row.id, token, expiresAt } : null;
}
