import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { sessions } from "@/db/schema";
import { hashToken, isWellFormedToken } from "../crypto/tokens";
import { UUID_PATTERN } from "../validation";

/**
 * Deletes one session of this user. False when there is no such session of theirs — including an id
 * that is not even a UUID, or one that belongs to another account.
 */
export async function revokeSession(userId: string, sessionId: string): Promise<boolean> {
  if (!UUID_PATTERN.test(sessionId)) return false;
  const db = await getDb();
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

/** Deletes every session of the user except `keepSessionId` (all of them when it is null). Returns how many. */
export async function revokeOtherSessions(userId: string, keepSessionId: string | null, tx?: Db | Tx): Promise<number> {
  const db = tx ?? (await getDb());
  const where = keepSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
    : eq(sessions.userId, userId);
  const deleted = await db.delete(sessions).where(where).returning({ id: sessions.id });
  return deleted.length;
}

/**
 * Deletes the browser session a token names, whoever's it is (a browser signing in again replaces the
 * session its cookie held). An API token, or anything not a well-formed token, deletes nothing.
 */
export async function revokeBrowserSessionByToken(token: string | null | undefined): Promise<boolean> {
  if (!token || !isWellFormedToken(token)) return false;
  const db = await getDb();
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.tokenHash, hashToken(token)), eq(sessions.kind, "browser")))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}
