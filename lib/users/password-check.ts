import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { verifyPassword } from "../auth/passwords";

/** True when `password` is the user's current password. */
export async function isCurrentPassword(userId: string, password: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return row ? verifyPassword(password, row.hash) : false;
}
