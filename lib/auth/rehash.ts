import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { getEnv } from "../env";
import { log } from "../log";
import { hashPassword } from "../crypto/passwords";

/** The cost factor of a bcrypt hash (`$2b$12$…` → 12), or null when it is not one. */
export function bcryptCost(hash: string): number | null {
  const m = /^\$2[abxy]\$(\d\d)\$/.exec(hash);
  return m ? Number(m[1]) : null;
}

/**
 * After a successful sign-in: when BCRYPT_COST has been raised since this hash was made, the password
 * (known to be right just now) is hashed again at the new cost, in the pool, and stored only if the
 * hash is still the one compared (a password changed meanwhile stays changed). Never lowers a cost.
 * A failure here is logged and the sign-in stands. Returns the hash the account now has.
 */
export async function rehashIfCheaper(userId: string, password: string, comparedHash: string): Promise<string> {
  const cost = bcryptCost(comparedHash);
  if (cost === null || cost >= getEnv().BCRYPT_COST) return comparedHash;
  try {
    const passwordHash = await hashPassword(password);
    const db = await getDb();
    const updated = await db
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, userId), eq(users.passwordHash, comparedHash)))
      .returning({ id: users.id });
    return updated.length > 0 ? passwordHash : comparedHash;
  } catch (error) {
    log.warn("password rehash failed", { userId, reason: error instanceof Error ? error.name : "unknown" });
    return comparedHash;
  }
}
