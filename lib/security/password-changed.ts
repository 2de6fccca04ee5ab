import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { securityEvents } from "@/db/schema";

/**
 * When the account's password last changed (changed on the security page or reset by email link), or null
 * when it never has: then it is the one chosen at sign-up. Read from the audit trail, which records both
 * changes in the transaction that makes them and is never pruned, so the users table needs no column of its own.
 * One backward walk of the (user_id, id) index.
 */
export async function passwordChangedAt(userId: string): Promise<Date | null> {
  const db = await getDb();
  const [row] = await db
    .select({ at: securityEvents.createdAt })
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, userId), inArray(securityEvents.type, ["password.changed", "password.reset"])))
    .orderBy(desc(securityEvents.id))
    .limit(1);
  return row?.at ?? null;
}
