import "server-only";
import { and, asc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { sessions } from "@/db/schema";
import { sendMail } from "../email/outbox";
import { sessionCapNotice } from "../email/templates";
import { getEnv } from "../env";
import { recordEvent } from "../security/events";
import { hitKey, limitKey } from "../security/rate-limit";
import { emitSessionsRevoked } from "./revoke";
import type { ClientInfo } from "../client-info";

/** One cap notice per account in this many seconds, however many sessions a burst of sign-ins ends. */
const NOTICE_SECONDS = 3_600;

/**
 * SESSIONS_PER_ACCOUNT: after a sign-in's session is inserted, the account's own live sessions beyond the cap
 * are deleted, least recently used first, never `keepId` (the one signing in). Run in the sign-in's
 * transaction while it holds the account's row lock (lib/sessions/create.ts), so parallel sign-ins count one
 * after another and never leave more than the cap. An administrator's impersonation session is not the
 * owner's and neither counts nor is ended here; expired and idle sessions no longer count (the clean-up
 * deletes them). The owner is mailed in the same transaction, at most once an hour.
 */
export async function enforceSessionCap(
  tx: Tx,
  user: { id: string; email: string },
  keepId: string,
  client: ClientInfo,
): Promise<number> {
  const cap = getEnv().SESSIONS_PER_ACCOUNT;
  const idleCutoff = sql`now() - (${getEnv().SESSION_IDLE_DAYS}::float8 * interval '1 day')`;
  const live = and(
    eq(sessions.userId, user.id),
    isNull(sessions.impersonatorId),
    gt(sessions.expiresAt, sql`now()`),
    gt(sessions.lastSeenAt, idleCutoff),
  );
  const [counted] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(live);
  const over = Number(counted?.n ?? 0) - cap;
  if (over <= 0) return 0;
  const oldest = tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(live, ne(sessions.id, keepId)))
    .orderBy(asc(sessions.lastSeenAt), asc(sessions.createdAt))
    .limit(over);
  const ended = await tx
    .delete(sessions)
    .where(sql`${sessions.id} in (${oldest})`)
    .returning({ id: sessions.id });
  if (!ended.length) return 0;
  await emitSessionsRevoked(tx, user.id, ended, "evicted");
  await recordEvent("session.evicted", { ...client, userId: user.id, detail: { ended: ended.length, cap } }, tx);
  const once = await hitKey(limitKey("session_cap_notice", [user.id]), { count: 1, seconds: NOTICE_SECONDS }, { tx });
  if (once.ok) await sendMail(sessionCapNotice(user.email, cap), tx);
  return ended.length;
}
