import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { mfaChallenges } from "@/db/schema";

/**
 * Ends every pending second sign-in step of an account. A password change or reset calls it in its
 * transaction: a challenge was opened with the old password, so it must not open a session afterwards.
 */
export async function endMfaChallenges(userId: string, tx?: Db | Tx): Promise<number> {
  const db = tx ?? (await getDb());
  const rows = await db
    .delete(mfaChallenges)
    .where(eq(mfaChallenges.userId, userId))
    .returning({ id: mfaChallenges.id });
  return rows.length;
}
