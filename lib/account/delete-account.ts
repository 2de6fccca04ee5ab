import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { WRONG_PASSWORD } from "../messages";
import { recordEvent } from "../security/events";
import { checkCurrentPassword } from "../reauth/password";
import type { ClientInfo } from "../client-info";
import { validate } from "../validation";
import { confirmPasswordSchema } from "../users/schemas";

/**
 * Deletes the caller's account after checking the password. One statement in one transaction: the
 * foreign keys cascade to sessions, email tokens and security events, so nothing of theirs is left
 * and the username and email are free again.
 */
export async function deleteAccount(
  userId: string,
  input: unknown,
  client: ClientInfo,
): Promise<Result<{ username: string }>> {
  const parsed = validate(confirmPasswordSchema, input);
  if (!parsed.ok) return parsed;
  const proof = await checkCurrentPassword(userId, parsed.value.password, {
    purpose: "account_delete",
    client,
    field: "password",
    message: WRONG_PASSWORD,
  });
  if (!proof.ok) return proof;
  const db = await getDb();
  const deleted = await db.transaction((tx) =>
    tx.delete(users).where(eq(users.id, userId)).returning({ username: users.username }),
  );
  if (!deleted[0]) return fail("not_found", "This account no longer exists.");
  // The account's own trail went with it (cascade); this row, with no account, is the operator's record.
  await recordEvent("account.deleted", { ...client, userId: null });
  return ok(deleted[0]);
}
