import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { emitUserWebhook, userWebhookColumns } from "../users/webhook";
import { fail, ok, type Result } from "../result";
import { WRONG_PASSWORD } from "../messages";
import { recordEvent } from "../security/events";
import { checkCurrentPassword } from "../reauth/password";
import type { ClientInfo } from "../client-info";
import type { WithProof } from "../security/recent-auth";
import { currentPasswordHash } from "../users/password-check";
import { refuseSoleOwner } from "../users/sole-owner";
import { validate } from "../validation";
import { confirmPasswordSchema } from "../users/schemas";

/**
 * Deletes the caller's account after checking the password; an account without one needs the caller's
 * `session` to have re-authenticated recently instead (lib/reauth/password.ts), and no `password` field. One statement in one transaction: the
 * foreign keys cascade to sessions, email tokens and security events, so nothing of theirs is left
 * and the username and email are free again. The only owner of an organization is refused (409 `last_owner`).
 */
export async function deleteAccount(
  userId: string,
  input: unknown,
  client: ClientInfo,
  session?: WithProof["session"],
): Promise<Result<{ username: string }>> {
  const passwordless = (await currentPasswordHash(userId)) === null;
  const parsed = passwordless ? null : validate(confirmPasswordSchema, input);
  if (parsed && !parsed.ok) return parsed;
  const proof = await checkCurrentPassword(userId, parsed?.value.password, {
    purpose: "account_delete",
    client,
    field: "password",
    message: WRONG_PASSWORD,
    session,
  });
  if (!proof.ok) return proof;
  const db = await getDb();
  const deleted = await db.transaction(async (tx) => {
    const owner = await refuseSoleOwner(tx, userId); // an organization always keeps an owner
    if (!owner.ok) return owner;
    const gone = await tx.delete(users).where(eq(users.id, userId)).returning(userWebhookColumns);
    if (gone[0]) await emitUserWebhook("user.deleted", userId, tx, { by: "self" }, gone[0]);
    return ok(gone);
  });
  if (!deleted.ok) return deleted;
  if (!deleted.value[0]) return fail("not_found", "This account no longer exists.");
  // The account's own trail went with it (cascade); this row, with no account, is the operator's record.
  await recordEvent("account.deleted", { ...client, userId: null });
  return ok({ username: deleted.value[0].username });
}
