import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";

/** Deletes one session of this user. False when there is no such session of theirs. */
export async function revokeSession(userId: string, sessionId: string): Promise<boolean> {
  const db = await getDb();
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}
