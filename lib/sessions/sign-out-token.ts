import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { hashToken, isWellFormedToken } from "../crypto/tokens";
import { recordEvent } from "../security/events";
import { emitSessionsRevoked } from "./revoke";
import type { ClientInfo } from "../client-info";

/**
 * Ends the browser session whose token Auth.js's cookie carried: Auth.js's own `POST /api/auth/signout`
 * (its `events.signOut`) lands here, so that way of signing out deletes the row too, not only the
 * cookie. One `DELETE … RETURNING`; a token already gone (our sign-out action deleted it first) does
 * nothing and records nothing.
 */
export async function signOutByToken(token: unknown, client: ClientInfo): Promise<boolean> {
  if (typeof token !== "string" || !isWellFormedToken(token)) return false;
  const db = await getDb();
  const [row] = await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(sessions)
      .where(and(eq(sessions.tokenHash, hashToken(token)), eq(sessions.kind, "browser")))
      .returning({ id: sessions.id, userId: sessions.userId });
    if (deleted[0]) await emitSessionsRevoked(tx, deleted[0].userId, deleted, "signed_out");
    return deleted;
  });
  if (!row) return false;
  await recordEvent("signed_out", { ...client, userId: row.userId, detail: { kind: "browser" } });
  return true;
}
