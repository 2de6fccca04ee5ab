import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { recordEvent } from "../security/events";
import type { Caller } from "../sessions/resolve";
import { revokeOtherSessions } from "../sessions/revoke";

export type SignedOutElsewhere = { sessions: number; apiKeys: number };

/**
 * "Sign out everywhere else" (the access list, the offer after a new factor, `DELETE /api/sessions`): every
 * session of the account but the caller's — browsers, API tokens and any administrator's impersonation — and
 * every API key, in one transaction with its `session.revoked` event. Connected identities stay: they are ways
 * in, not something signed in (each has its own Disconnect).
 */
export async function signOutEverywhereElse(caller: Caller, client: ClientInfo): Promise<SignedOutElsewhere> {
  const db = await getDb();
  const userId = caller.user.id;
  return db.transaction(async (tx) => {
    const sessions = await revokeOtherSessions(userId, caller.session.id, tx);
    // An administrator acting as the owner changes no keys (lib/admin/impersonation.ts): sessions only.
    const keys = caller.session.impersonator
      ? []
      : await tx.delete(apiKeys).where(eq(apiKeys.userId, userId)).returning({ id: apiKeys.id });
    if (sessions || keys.length)
      await recordEvent(
        "session.revoked",
        { ...client, userId, detail: { count: sessions, apiKeys: keys.length, others: true } },
        tx,
      );
    return { sessions, apiKeys: keys.length };
  });
}
