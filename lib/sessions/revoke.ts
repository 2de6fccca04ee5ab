import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { sessions } from "@/db/schema";
import { hashToken, isWellFormedToken } from "../crypto/tokens";
import { UUID_PATTERN } from "../validation";
import { emitWebhook } from "../webhook-events/emit";
import { sessionsRevokedData, type RevokeReason } from "../webhook-events/payloads";

/**
 * Deletes one session of this user. False when there is no such session of theirs — including an id
 * that is not even a UUID, or one that belongs to another account. `session.revoked` (webhook) in the
 * same transaction when a row went.
 */
export async function revokeSession(
  userId: string,
  sessionId: string,
  reason: RevokeReason = "revoked",
): Promise<boolean> {
  if (!UUID_PATTERN.test(sessionId)) return false;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .returning({ id: sessions.id });
    await emitSessionsRevoked(tx, userId, deleted, reason);
    return deleted.length > 0;
  });
}

/**
 * Deletes every session of the user except `keepSessionId` (all of them when it is null). Returns how many.
 * One `session.revoked` webhook event names them all, in `tx` (or a transaction of its own).
 */
export async function revokeOtherSessions(
  userId: string,
  keepSessionId: string | null,
  tx?: Db | Tx,
  reason: RevokeReason = "signed_out_everywhere",
): Promise<number> {
  if (!tx) return (await getDb()).transaction((own) => revokeOtherSessions(userId, keepSessionId, own, reason));
  const where = keepSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
    : eq(sessions.userId, userId);
  const deleted = await tx.delete(sessions).where(where).returning({ id: sessions.id });
  await emitSessionsRevoked(tx, userId, deleted, reason);
  return deleted.length;
}

/**
 * Deletes the browser session a token names, whoever's it is (a browser signing in again replaces the
 * session its cookie held). An API token, or anything not a well-formed token, deletes nothing.
 */
export async function revokeBrowserSessionByToken(token: string | null | undefined): Promise<boolean> {
  if (!token || !isWellFormedToken(token)) return false;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(sessions)
      .where(and(eq(sessions.tokenHash, hashToken(token)), eq(sessions.kind, "browser")))
      .returning({ id: sessions.id, userId: sessions.userId });
    if (deleted[0]) await emitSessionsRevoked(tx, deleted[0].userId, deleted, "replaced");
    return deleted.length > 0;
  });
}

/** The `session.revoked` webhook event for the sessions a statement deleted (none: nothing). */
export async function emitSessionsRevoked(
  tx: Db | Tx,
  userId: string,
  deleted: readonly { id: string }[],
  reason: RevokeReason,
): Promise<void> {
  if (!deleted.length) return;
  await emitWebhook(
    "session.revoked",
    sessionsRevokedData(
      userId,
      deleted.map((d) => d.id),
      reason,
    ),
    tx,
  );
}
