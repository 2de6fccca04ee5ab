import "server-only";
import { eq, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { FieldErrors } from "../result";
import { normaliseEmail, usernameKey } from "./schemas";
import { TAKEN } from "./taken";

/**
 * Which of a would-be account's username and email another account holds already, as field messages
 * (one indexed query). Callers pass only well-formed values, and count the look-up against the sign-up
 * limit first: an answer names an account, so it must not come cheaper than a sign-up's own answer.
 * The unique indexes still decide a race (lib/account/register.ts).
 */
export async function takenFields(candidate: { username?: string; email?: string }): Promise<FieldErrors> {
  const key = candidate.username === undefined ? undefined : usernameKey(candidate.username);
  const email = candidate.email === undefined ? undefined : normaliseEmail(candidate.email);
  const conditions = [
    key === undefined ? undefined : eq(users.usernameKey, key),
    email === undefined ? undefined : eq(users.email, email),
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return {};
  const db = await getDb();
  const rows = await db
    .select({ usernameKey: users.usernameKey, email: users.email })
    .from(users)
    .where(or(...conditions))
    .limit(2);
  const fields: FieldErrors = {};
  if (key !== undefined && rows.some((r) => r.usernameKey === key)) fields.username = [TAKEN.username];
  if (email !== undefined && rows.some((r) => r.email === email)) fields.email = [TAKEN.email];
  return fields;
}
