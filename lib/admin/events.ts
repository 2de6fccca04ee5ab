import "server-only";
import type { z } from "zod";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { securityEvents, users } from "@/db/schema";
import { encodeCursor } from "../cursor";
import { ok, type Result } from "../result";
import { usernameKey } from "../users/schemas";
import type { Caller } from "../sessions/resolve";
import { requireAdmin } from "./access";
import type { adminEventPageSchema } from "./dto-schemas";
import type { AdminEventListQuery } from "./schemas";

export type AdminEventPage = z.infer<typeof adminEventPageSchema>;

/** The acting administrator's row, joined a second time beside the account's. */
const actors = alias(users, "actors");

/**
 * Every account's security events, newest first, keyset on the id. Admins only. Filtered by type and by the
 * account (its id, or its username, matched as sign-in matches it); each event names its account and acting
 * administrator by username (null once that account is deleted).
 */
export async function listAdminEvents(actor: Caller | null, q: AdminEventListQuery): Promise<Result<AdminEventPage>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const db = await getDb();
  const where: SQL[] = [];
  if (q.type) where.push(eq(securityEvents.type, q.type));
  if (q.userId) where.push(eq(securityEvents.userId, q.userId));
  // The account first (one probe of its unique key), so the page is one backward range of (user_id, id).
  if (q.username)
    where.push(
      eq(securityEvents.userId, sql`(select "id" from "users" where "username_key" = ${usernameKey(q.username)})`),
    );
  if (q.cursor !== undefined) where.push(lt(securityEvents.id, q.cursor));
  const rows = await db
    .select({ event: securityEvents, username: users.username, actorUsername: actors.username })
    .from(securityEvents)
    .leftJoin(users, eq(users.id, securityEvents.userId))
    .leftJoin(actors, eq(actors.id, securityEvents.actorId))
    .where(and(...where))
    .orderBy(desc(securityEvents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return ok({
    events: page.map(({ event: r, username, actorUsername }) => ({
      id: String(r.id),
      type: r.type,
      userId: r.userId,
      username,
      actorId: r.actorId,
      actorUsername,
      ip: r.ip,
      userAgent: r.userAgent,
      createdAt: r.createdAt.toISOString(),
      detail: r.detail ?? {},
    })),
    nextCursor: rows.length > q.limit ? encodeCursor([String(page.at(-1)!.event.id)]) : null,
  });
}
