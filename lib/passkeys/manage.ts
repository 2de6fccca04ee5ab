import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { passkeys } from "@/db/schema";
import { sendMail } from "../email/outbox";
import { passkeyNotice } from "../email/templates";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import { emitWebhook } from "../webhook-events/emit";
import { passkeyData } from "../webhook-events/payloads";
import { requireRecentAuth } from "../security/recent-auth";
import type { ClientInfo } from "../client-info";
import type { Caller } from "../sessions/resolve";
import { countWaysIn, lastWayIn, lockWaysIn } from "../users/ways-in";
import { validate } from "../validation";
import { toPasskeyDto, type PasskeyDto } from "./dto";
import { renamePasskeySchema } from "./schemas";

export const PASSKEY_NOT_FOUND = "There is no such passkey on your account.";

/** The account's passkeys, oldest first. */
export async function listPasskeys(userId: string): Promise<PasskeyDto[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
  return rows.map(toPasskeyDto);
}

/** Whether the account has a passkey (the re-authentication prompt offers one then). */
export async function hasPasskeys(userId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1);
  return Boolean(row);
}

/** `PATCH /api/passkeys/{id}`: renames one of the owner's passkeys; anyone else's is not found. */
export async function renamePasskey(userId: string, id: string, input: unknown): Promise<Result<PasskeyDto>> {
  const parsed = validate(renamePasskeySchema, input);
  if (!parsed.ok) return parsed;
  const db = await getDb();
  const [row] = await db
    .update(passkeys)
    .set({ name: parsed.value.name })
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning();
  return row ? ok(toPasskeyDto(row)) : fail("not_found", PASSKEY_NOT_FOUND);
}

/**
 * `DELETE /api/passkeys/{id}`: after a fresh re-authentication, removes one of the owner's passkeys
 * (anyone else's is not found, and nothing is deleted). Refused with 409 `last_way_in` when it is the last way
 * in of an account without a password or a connected identity, counted under the account's row lock
 * (lib/users/ways-in.ts) so a removal racing a disconnect cannot leave the account with no way in. Records
 * `passkey.removed` and mails a notice. The authenticator may still offer it; the server no longer accepts it.
 */
export async function removePasskey(caller: Caller, id: string, client: ClientInfo): Promise<Result<void>> {
  const fresh = requireRecentAuth(caller);
  if (!fresh.ok) return fresh;
  const db = await getDb();
  // The notice is queued in the deletion's transaction: both happen or neither.
  const removed = await db.transaction(async (tx): Promise<Result<{ name: string }>> => {
    const ways = await lockWaysIn(tx, caller.user.id);
    const mine = and(eq(passkeys.id, id), eq(passkeys.userId, caller.user.id));
    const [found] = ways ? await tx.select({ id: passkeys.id }).from(passkeys).where(mine) : [];
    if (!ways || !found) return fail("not_found", PASSKEY_NOT_FOUND);
    if (countWaysIn(ways) <= 1) return lastWayIn();
    const [deleted] = await tx.delete(passkeys).where(mine).returning({ id: passkeys.id, name: passkeys.name });
    await emitWebhook("passkey.removed", passkeyData(caller.user.id, deleted!), tx);
    await sendMail(passkeyNotice(caller.user.email, "removed", deleted!.name), tx);
    return ok(deleted!);
  });
  if (!removed.ok) return removed;
  await recordEvent("passkey.removed", { ...client, userId: caller.user.id, detail: { name: removed.value.name } });
  return ok(undefined);
}
