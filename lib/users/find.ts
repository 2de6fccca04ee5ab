import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, type UserRow } from "@/db/schema";
import { normaliseEmail, usernameKey } from "./schemas";

/** Finds the account for a sign-in: an address when it contains "@", otherwise a username. */
export async function findUserByLogin(login: string): Promise<UserRow | null> {
  const db = await getDb();
  const where = login.includes("@")
    ? eq(users.email, normaliseEmail(login))
    : eq(users.usernameKey, usernameKey(login.trim()));
  const [row] = await db.select().from(users).where(where).limit(1);
  return row ?? null;
}
