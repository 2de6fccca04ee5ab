import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { hashToken, isWellFormedToken } from "../crypto/tokens";
import { recordEvent } from "../security/events";
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
  const [row] = await db
    .delete(sessions)
    .where(and(eq(sessions.tokenHash, hashToken(token)), eq(sessions.kind, "browser")))
    .returning({ userId: sessions.userId });
  if (!row) return false;
  await recordEvent("signed_out", { ...client, userId: row.userId, detail: { kind: "browser" } });
  return true;
}
