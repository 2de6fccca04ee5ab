import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";

/**
 * The account's stored hash, or null when there is no such account. Callers compare through
 * lib/reauth/password.ts#checkCurrentPassword, which counts wrong guesses.
 */
export async function currentPasswordHash(userId: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.hash ?? null;
}
