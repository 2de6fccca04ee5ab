import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { newToken } from "../crypto/tokens";
import { fail, ok, type Result } from "../result";
import { recordEvent } from "../security/events";
import type { Caller } from "../sessions/resolve";
import { validate } from "../validation";
import { requireAdminWrite } from "./access";
import { impersonationSchema } from "./impersonation-schemas";
import { NO_SUCH_ACCOUNT, parseTargetId } from "./target-id";

/** The longest an impersonation lasts; it never outlives the administrator's own session either. */
export const IMPERSONATION_MINUTES = 30;
export const NOT_AN_ADMIN_TARGET = "Administrators cannot be impersonated.";
export const DISABLED_TARGET = "This account is disabled: enable it first.";
export const NOT_IMPERSONATING = "This session is not acting as anyone.";

export type Impersonation = { id: string; userId: string; username: string; expiresAt: Date };

/**
 * An administrator starts acting as an ordinary account: a session of the target's (`kind` browser for the
 * console, api for a program) recorded with the administrator (`impersonator_id`), the written reason, and
 * the administrator's own session (`parent_session_id`: deleted with it, by cascade). At most
 * IMPERSONATION_MINUTES, and never past the administrator's own session's expiry. Only inside the
 * re-authentication window, by an administrator who is not themselves impersonating (requireAdminWrite).
 *
 * The row is inserted by `insert … select` from the target's row, read `for share`, only while it is an
 * enabled ordinary user, so a promotion or a disable committed meanwhile is seen. What the session may
 * not do: lib/security/recent-auth.ts#refuseImpersonation; when it ends besides being stopped or expiring:
 * lib/sessions/resolve.ts. Records `impersonation.started` on the target's account with the administrator as
 * actor and the reason (the owner reads "An administrator acted as you (reason)").
 */
export async function startImpersonation(
  caller: Caller | null,
  targetId: unknown,
  input: unknown,
  client: ClientInfo,
  kind: "browser" | "api",
): Promise<Result<Impersonation & { token: string }>> {
  const admin = requireAdminWrite(caller);
  if (!admin.ok) return admin;
  const id = parseTargetId(targetId);
  if (!id.ok) return id;
  const parsed = validate(impersonationSchema, input);
  if (!parsed.ok) return parsed;
  const { reason } = parsed.value;
  const { user: me, session: own } = admin.value;
  const db = await getDb();
  const [target] = await db
    .select({ id: users.id, username: users.username, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id.value));
  if (!target) return fail("not_found", NO_SUCH_ACCOUNT);
  if (target.role === "admin") return fail("forbidden", NOT_AN_ADMIN_TARGET);
  if (target.disabledAt) return fail("conflict", DISABLED_TARGET);

  const { token, hash } = newToken();
  const expiresAt = new Date(Math.min(Date.now() + IMPERSONATION_MINUTES * 60_000, own.expiresAt.getTime()));
  const ip = client.ip?.slice(0, 64) ?? null;
  const userAgent = client.userAgent?.slice(0, 512) ?? null;
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(sessions)
      .select(
        tx
          .select({
            id: sql<string>`gen_random_uuid()`.as("id"),
            userId: users.id,
            tokenHash: sql<string>`${hash}::text`.as("token_hash"),
            kind: sql<"browser" | "api">`${kind}::session_kind`.as("kind"),
            createdAt: sql<Date>`now()`.as("created_at"),
            lastSeenAt: sql<Date>`now()`.as("last_seen_at"),
            expiresAt: sql<Date>`${expiresAt.toISOString()}::timestamptz`.as("expires_at"),
            ip: sql<string | null>`${ip}::text`.as("ip"),
            userAgent: sql<string | null>`${userAgent}::text`.as("user_agent"),
            // Never a proof: requireRecentAuth refuses an impersonation whatever this says.
            reauthenticatedAt: sql<Date>`'epoch'::timestamptz`.as("reauthenticated_at"),
            impersonatorId: sql<string>`${me.id}::uuid`.as("impersonator_id"),
            impersonationReason: sql<string>`${reason}::text`.as("impersonation_reason"),
            parentSessionId: sql<string>`${own.id}::uuid`.as("parent_session_id"),
          })
          .from(users)
          .where(and(eq(users.id, target.id), eq(users.role, "user"), isNull(users.disabledAt)))
          .for("share"),
      )
      .returning({ id: sessions.id });
    if (!inserted) return null;
    await recordEvent(
      "impersonation.started",
      { ...client, userId: target.id, actorId: me.id, detail: { reason, kind } },
      tx,
    );
    return inserted;
  });
  if (!row) return fail("conflict", "This account changed meanwhile: load it again.");
  return ok({ id: row.id, userId: target.id, username: target.username, expiresAt, token });
}

/**
 * Ends the caller's impersonation (its session row) and records `impersonation.ended` on the account with the
 * administrator as actor. A caller whose session is its owner's own is refused: nothing to stop.
 */
export async function stopImpersonation(
  caller: Caller | null,
  client: ClientInfo,
): Promise<Result<{ userId: string; impersonatorId: string }>> {
  const impersonator = caller?.session.impersonator;
  if (!caller || !impersonator) return fail("not_found", NOT_IMPERSONATING);
  const db = await getDb();
  const ended = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, caller.session.id), isNotNull(sessions.impersonatorId)))
      .returning({ userId: sessions.userId, impersonatorId: sessions.impersonatorId });
    if (row?.impersonatorId)
      await recordEvent(
        "impersonation.ended",
        { ...client, userId: row.userId, actorId: row.impersonatorId, detail: {} },
        tx,
      );
    return row;
  });
  if (!ended?.impersonatorId) return fail("not_found", NOT_IMPERSONATING);
  return ok({ userId: ended.userId, impersonatorId: ended.impersonatorId });
}
