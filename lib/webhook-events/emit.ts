import "server-only";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { after } from "next/server";
import type { Db, Tx } from "@/db/client";
import { webhookEvents, webhookEndpoints, webhookMessages } from "@/db/schema";
import type { WebhookEventType } from "./types";
import { wakeWebhookWorker } from "./waker";

/**
 * Writes a webhook event in `tx`, the transaction of the change that causes it, and fans it out to the
 * endpoints enabled and subscribed (`events` empty = all) at that moment: one statement, which writes
 * nothing at all when no endpoint wants the type. The delivery worker (lib/webhooks) sends the rows;
 * it is woken after the request, like the mail outbox. `data` carries ids and the fields a receiver
 * needs, never a hash, token, secret or code.
 */
export async function emitWebhook(type: WebhookEventType, data: Record<string, unknown>, tx: Db | Tx): Promise<void> {
  const id = newEventId();
  const payload = { type, timestamp: new Date().toISOString(), data };
  const queued = await tx.execute(sql`
    with targets as (
      select ${webhookEndpoints.id} as endpoint_id from ${webhookEndpoints}
      where ${webhookEndpoints.enabled}
        and (${webhookEndpoints.events} = '[]'::jsonb or ${webhookEndpoints.events} @> jsonb_build_array(${type}::text))
    ), event as (
      insert into ${webhookEvents} (id, type, payload)
      select ${id}, ${type}, ${JSON.stringify(payload)}::jsonb where exists (select 1 from targets)
      returning id
    )
    insert into ${webhookMessages} (endpoint_id, event_id)
    select targets.endpoint_id, event.id from targets cross join event
    returning 1 as queued`);
  if (rowCount(queued) > 0) wakeAfterCommit();
}

/** The `webhook-id` of an event: `msg_` + 24 random bytes, base64url. The same on every attempt. */
export const newEventId = () => `msg_${randomBytes(24).toString("base64url")}`;

const rowCount = (r: unknown): number =>
  Array.isArray(r) ? r.length : ((r as { rows?: unknown[] }).rows?.length ?? 0);

/** Wakes the delivery worker once the caller's transaction has committed (also for a test event queued directly). */
export function wakeAfterCommit(): void {
  const wake = wakeWebhookWorker;
  try {
    after(wake); // in a request: after the response, when the transaction has committed
    return;
  } catch {
    // outside a request (tests, scripts): a moment after the caller's commit
  }
  for (const ms of [20, 250, 1_000]) setTimeout(wake, ms).unref();
}
