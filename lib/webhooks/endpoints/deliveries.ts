import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookAttempts, webhookEndpoints, webhookEvents, webhookMessages } from "@/db/schema";
import type { ClientInfo } from "../../client-info";
import { fail, ok, type Result } from "../../result";
import { recordEvent } from "../../security/events";
import type { Caller } from "../../sessions/resolve";
import { validate } from "../../validation";
import { newEventId, wakeAfterCommit } from "../../webhook-events/emit";
import { NO_SUCH_WEBHOOK, requireWebhookAdmin } from "./access";
import type { DeliveryDto } from "./dto-schemas";
import { parseWebhookId } from "./manage";
import { deliveriesQuerySchema } from "./schemas";

export const ENDPOINT_DISABLED = "This endpoint is disabled: enable it first.";

const rows = (r: unknown): Record<string, unknown>[] =>
  Array.isArray(r) ? r : ((r as { rows?: Record<string, unknown>[] }).rows ?? []);

/**
 * "Send a test event": a `webhook.test` event queued to this endpoint only (never fanned out), in one
 * statement that writes nothing unless the endpoint exists and is enabled. Its data names the endpoint.
 * Administrators only (it reveals nothing and changes no setting); records `webhook_endpoint.test_sent`.
 */
export async function sendTestEvent(
  caller: Caller | null,
  id: unknown,
  client: ClientInfo,
): Promise<Result<{ eventId: string }>> {
  const admin = requireWebhookAdmin(caller);
  if (!admin.ok) return admin;
  const endpointId = parseWebhookId(id);
  if (!endpointId.ok) return endpointId;
  const eventId = newEventId();
  const payload = {
    type: "webhook.test",
    timestamp: new Date().toISOString(),
    data: { webhook: { id: endpointId.value } },
  };
  const db = await getDb();
  const outcome = await db.transaction(async (tx) => {
    const found = rows(
      await tx.execute(sql`
        with target as (
          select ${webhookEndpoints.id} as id, ${webhookEndpoints.enabled} as enabled from ${webhookEndpoints}
          where ${webhookEndpoints.id} = ${endpointId.value}
        ), event as (
          insert into ${webhookEvents} (id, type, payload)
          select ${eventId}, 'webhook.test', ${JSON.stringify(payload)}::jsonb from target where target.enabled
          returning id
        ), message as (
          insert into ${webhookMessages} (endpoint_id, event_id)
          select target.id, event.id from target cross join event
          returning 1
        )
        select target.enabled, (select count(*) from message)::int as queued from target`),
    )[0];
    if (!found) return fail("not_found", NO_SUCH_WEBHOOK);
    if (!found.enabled) return fail("conflict", ENDPOINT_DISABLED);
    await recordEvent(
      "webhook_endpoint.test_sent",
      {
        ...client,
        userId: admin.value.user.id,
        actorId: admin.value.user.id,
        detail: { endpointId: endpointId.value },
      },
      tx,
    );
    return ok({ eventId });
  });
  if (outcome.ok) wakeAfterCommit();
  return outcome;
}

/**
 * "Retry now": this endpoint's messages still pending (waiting out a back-off) or given up (`failed`) become due
 * now, pending again; the worker takes them on its next pass. Answers how many. A message leased by a worker at
 * this very moment may be tried twice: delivery is at least once anyway, and receivers de-duplicate by id.
 */
export async function retryNow(
  caller: Caller | null,
  id: unknown,
  client: ClientInfo,
): Promise<Result<{ retried: number }>> {
  const admin = requireWebhookAdmin(caller);
  if (!admin.ok) return admin;
  const endpointId = parseWebhookId(id);
  if (!endpointId.ok) return endpointId;
  const db = await getDb();
  const outcome = await db.transaction(async (tx) => {
    const [endpoint] = await tx
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpointId.value));
    if (!endpoint) return fail("not_found", NO_SUCH_WEBHOOK);
    const retried = await tx
      .update(webhookMessages)
      .set({ status: "pending", nextAttemptAt: sql`now()`, doneAt: null })
      .where(and(eq(webhookMessages.endpointId, endpoint.id), inArray(webhookMessages.status, ["pending", "failed"])))
      .returning({ id: webhookMessages.id });
    await recordEvent(
      "webhook_endpoint.retried",
      { ...client, userId: admin.value.user.id, actorId: admin.value.user.id, detail: { endpointId: endpoint.id } },
      tx,
    );
    return ok({ retried: retried.length });
  });
  if (outcome.ok && outcome.value.retried > 0) wakeAfterCommit();
  return outcome;
}

/** The endpoint's latest delivery attempts, newest first (`limit`, default 50, at most 100). */
export async function listDeliveries(
  caller: Caller | null,
  id: unknown,
  query: unknown = {},
): Promise<Result<DeliveryDto[]>> {
  const admin = requireWebhookAdmin(caller);
  if (!admin.ok) return admin;
  const endpointId = parseWebhookId(id);
  if (!endpointId.ok) return endpointId;
  const parsed = validate(deliveriesQuerySchema, query);
  if (!parsed.ok) return parsed;
  const db = await getDb();
  const [endpoint] = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, endpointId.value));
  if (!endpoint) return fail("not_found", NO_SUCH_WEBHOOK);
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.endpointId, endpoint.id))
    .orderBy(desc(webhookAttempts.id))
    .limit(parsed.value.limit);
  return ok(
    attempts.map((a) => ({
      id: String(a.id),
      eventId: a.eventId,
      type: a.type,
      attempt: a.attempt,
      status: a.status,
      durationMs: a.durationMs,
      ...(a.error ? { error: a.error } : {}),
      at: a.at.toISOString(),
      ...(a.nextAttemptAt ? { nextAttemptAt: a.nextAttemptAt.toISOString() } : {}),
    })),
  );
}
