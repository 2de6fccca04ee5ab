import "server-only";
import type { z } from "zod";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { securityEvents } from "@/db/schema";
import { encodeCursor } from "../cursor";
import { ok, type Result } from "../result";
import type { Caller } from "../sessions/resolve";
import { requireAdmin } from "./access";
import type { adminEventPageSchema } from "./dto-schemas";
import type { AdminEventListQuery } from "./schemas";

export type AdminEventPage = z.infer<typeof adminEventPageSchema>;

/** Every account's security events, newest first, filtered by type and account, keyset on the id. Admins only. */
export async function listAdminEvents(actor: Caller | null, q: AdminEventListQuery): Promise<Result<AdminEventPage>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const db = await getDb();
  const where: SQL[] = [];
  if (q.type) where.push(eq(securityEvents.type, q.type));
  if (q.userId) where.push(eq(securityEvents.userId, q.userId));
  if (q.cursor !== undefined) where.push(lt(securityEvents.id, q.cursor));
  const rows = await db
    .select()
    .from(securityEvents)
    .where(and(...where))
    .orderBy(desc(securityEvents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return ok({
    events: page.map((r) => ({
      id: String(r.id),
      type: r.type,
      userId: r.userId,
      actorId: r.actorId,
      ip: r.ip,
      userAgent: r.userAgent,
      createdAt: r.createdAt.toISOString(),
      detail: r.detail ?? {},
    })),
    nextCursor: rows.length > q.limit ? encodeCursor([String(page.at(-1)!.id)]) : null,
  });
}
