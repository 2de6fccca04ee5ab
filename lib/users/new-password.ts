import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { passwordPolicyProblem } from "./password-policy";

/** The password policy for a new password of an existing account (change and reset). */
export async function newPasswordProblem(userId: string, password: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db
    .select({ username: users.username, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return passwordPolicyProblem(password, { username: row?.username, email: row?.email });
}
