import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { identities } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { sendMail } from "../email/outbox";
import { identityDisconnectedNotice } from "../email/templates";
import { recordEvent } from "../security/events";
import { emitWebhook } from "../webhook-events/emit";
import { identityData } from "../webhook-events/payloads";
import { requireRecentAuth } from "../security/recent-auth";
import type { ClientInfo } from "../client-info";
import type { Caller } from "../sessions/resolve";
import { countWaysIn, lastWayIn, lockWaysIn } from "../users/ways-in";
import { toIdentityDto, type IdentityDto } from "./dto";
import { providerName } from "./provider-names";

export const IDENTITY_NOT_FOUND = "There is no such connected account on your account.";

/** `GET /api/users/me/identities` and the security page: the account's connected identities, oldest first. */
export async function listIdentities(userId: string): Promise<IdentityDto[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: identities.id,
      provider: identities.provider,
      email: identities.email,
      connectedAt: identities.connectedAt,
      lastUsedAt: identities.lastUsedAt,
    })
    .from(identities)
    .where(eq(identities.userId, userId))
    .orderBy(asc(identities.connectedAt), asc(identities.id));
  return rows.map(toIdentityDto);
}

/**
 * `DELETE /api/users/me/identities/{id}`: after a fresh re-authentication, disconnects one of the owner's
 * identities; anyone else's (or an unknown id) is not found and nothing changes. Refused with 409 `last_way_in`
 * while it is the account's last way in (no password, no passkey, no other identity). The count and the delete
 * run under the account's row lock (lib/users/ways-in.ts), so two disconnects at once (or a disconnect beside a
 * passkey removal) cannot both pass. Records `identity.disconnected` and mails the owner, in the same transaction.
 */
export async function disconnectIdentity(caller: Caller, id: string, client: ClientInfo): Promise<Result<void>> {
  const fresh = requireRecentAuth(caller);
  if (!fresh.ok) return fresh;
  const userId = caller.user.id;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ways = await lockWaysIn(tx, userId);
    if (!ways) return fail("not_found", IDENTITY_NOT_FOUND);
    const [row] = await tx
      .select({
        id: identities.id,
        provider: identities.provider,
        subject: identities.subject,
        email: identities.email,
      })
      .from(identities)
      .where(and(eq(identities.id, id), eq(identities.userId, userId)));
    if (!row) return fail("not_found", IDENTITY_NOT_FOUND);
    if (countWaysIn(ways) <= 1) return lastWayIn();
    await tx.delete(identities).where(and(eq(identities.id, id), eq(identities.userId, userId)));
    const name = providerName(row.provider);
    await recordEvent(
      "identity.disconnected",
      { ...client, userId, detail: { provider: row.provider, providerName: name } },
      tx,
    );
    // The owner hears of it as of a connection (lib/identities/store.ts), in the same transaction.
    await sendMail(identityDisconnectedNotice(caller.user.email, name, row.email), tx);
    await emitWebhook("identity.disconnected", identityData(userId, row), tx);
    return ok(undefined);
  });
}
