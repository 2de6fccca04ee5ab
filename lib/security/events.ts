import "server-only";
import type { z } from "zod";
import { and, desc, eq, lt } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { securityEvents } from "@/db/schema";
import { log } from "../log";
import { requestActor } from "../process-store.mjs";
import { ok, type Result } from "../result";
import { validate } from "../validation";
import { SUMMARISED_TYPES, summariseEvent } from "./event-summary";
import type { eventPageSchema, securityEventDtoSchema } from "./dto-schemas";
import { eventListSchema, type EventListQuery } from "./schemas";

/** What the audit trail records. Other modules record their own with these names. */
export type EventType =
  | "sign_in.succeeded"
  | "sign_in.failed"
  | "sign_in.locked"
  | "sign_in.unlocked"
  | "session.evicted"
  | "account.secured"
  | "signed_out"
  | "rate_limit.hit"
  | "session.revoked"
  | "password.changed"
  | "password.reset"
  | "email_change.requested"
  | "email_change.confirmed"
  | "reauth.failed"
  | "mfa.enabled"
  | "mfa.disabled"
  | "mfa.recovery_code_used"
  | "mfa.recovery_codes_regenerated"
  | "mfa.failed"
  | "account.deleted"
  | "account.exported"
  | "admin.user_disabled"
  | "admin.user_enabled"
  | "admin.role_changed"
  | "admin.sessions_revoked"
  | "admin.password_reset_sent"
  | "admin.verification_sent"
  | "admin.user_deleted"
  | "post.removed_by_admin"
  | "passkey.added"
  | "passkey.removed"
  | "passkey.used"
  | "passkey.counter_regressed"
  | "identity.connected"
  | "identity.disconnected"
  | "api_key.created"
  | "api_key.revoked"
  | "impersonation.started"
  | "impersonation.ended"
  | "webhook_endpoint.created"
  | "webhook_endpoint.updated"
  | "webhook_endpoint.deleted"
  | "webhook_endpoint.secret_rotated"
  | "webhook_endpoint.test_sent"
  | "webhook_endpoint.retried"
  | "organization.created"
  | "organization.deleted"
  | "member.role_changed"
  | "member.removed"
  | "member.left"
  | "member.invited"
  | "member.joined";

type DetailValue = string | number | boolean | null;
export type EventContext = {
  userId?: string | null;
  /** The administrator who acted (admin.* events): kept for the console, never shown to the person. */
  actorId?: string | null;
  ip: string | null;
  userAgent: string | null;
  /** Small facts (`{limit: "sign_in_ip"}`); keys naming a password, token, secret or hash are dropped. */
  detail?: Record<string, DetailValue>;
};

/** The shapes are the schemas' in dto-schemas.ts (documented by lib/openapi). */
export type SecurityEventDto = z.infer<typeof securityEventDtoSchema>;
export type EventPage = z.infer<typeof eventPageSchema>;

const SECRET_KEY = /pass|token|secret|hash|cookie|authori/i;

function safeDetail(detail: Record<string, DetailValue> | undefined): Record<string, DetailValue> | null {
  if (!detail) return null;
  const kept = Object.entries(detail).filter(([k]) => !SECRET_KEY.test(k));
  return kept.length
    ? Object.fromEntries(kept.map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 200) : v]))
    : null;
}

/**
 * Adds one event to the audit trail and writes one log line for it. Pass the transaction of the change
 * the event records, and the two commit together. A failed try (sign-in, second factor, current password, a
 * refused limit) joins its window's summary row when there is one (lib/security/event-summary.ts).
 */
export async function recordEvent(type: EventType, context: EventContext, tx?: Db | Tx): Promise<void> {
  const detail = safeDetail(context.detail);
  // Done while an administrator acts as the account: recorded with both (lib/sessions/resolve.ts marks it).
  context = { ...context, actorId: context.actorId ?? requestActor() };
  const db = tx ?? (await getDb());
  const row = {
    type,
    userId: context.userId ?? null,
    actorId: context.actorId ?? null,
    ip: context.ip?.slice(0, 64) ?? null,
    userAgent: context.userAgent?.slice(0, 512) ?? null,
    detail,
  };
  // A failed try is summarised per account and window (lib/security/event-summary.ts), not a row per try.
  if (SUMMARISED_TYPES.has(type)) await summariseEvent(db, row, tx);
  else await db.insert(securityEvents).values(row);
  log.info("security event", {
    event: type,
    userId: context.userId ?? null,
    ...(context.actorId ? { actorId: context.actorId } : {}),
    ip: context.ip,
    detail,
  });
}

/**
 * A person's events, newest first, `limit` at a time (default 20, at most 100). `cursor` is the
 * `nextCursor` of the previous page: the id of its last event.
 */
export async function listEvents(userId: string, input: unknown): Promise<Result<EventPage>> {
  const parsed = validate(eventListSchema, input);
  return parsed.ok ? ok(await eventPage(userId, parsed.value)) : parsed;
}

/** One page of a person's events, for a query already parsed by `eventListSchema`. */
export async function eventPage(userId: string, { cursor, limit }: EventListQuery): Promise<EventPage> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(securityEvents)
    .where(
      cursor === undefined
        ? eq(securityEvents.userId, userId)
        : and(eq(securityEvents.userId, userId), lt(securityEvents.id, cursor)),
    )
    .orderBy(desc(securityEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    events: page.map((r) => ({
      id: String(r.id),
      type: r.type,
      ip: r.ip,
      userAgent: r.userAgent,
      createdAt: r.createdAt.toISOString(),
      detail: r.detail ?? {},
    })),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}
