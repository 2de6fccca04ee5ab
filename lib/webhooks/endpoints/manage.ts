import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookEndpoints, type WebhookEndpointRow } from "@/db/schema";
import type { ClientInfo } from "../../client-info";
import { seal } from "../../crypto/sealed";
import { getEnv } from "../../env";
import { fail, ok, type Result } from "../../result";
import { recordEvent } from "../../security/events";
import type { Caller } from "../../sessions/resolve";
import { validate } from "../../validation";
import { newWebhookSecret } from "../sign";
import { AddressNotAllowedError, assertPublicUrl } from "../ssrf";

const NOT_PUBLIC = "This address is not allowed: webhooks go to public internet addresses only.";
import { NO_SUCH_WEBHOOK, requireWebhookAdmin, requireWebhookAdminWrite } from "./access";
import type { CreatedWebhook, WebhookDto } from "./dto-schemas";
import { createWebhookSchema, updateWebhookSchema, webhookParamsSchema } from "./schemas";

/** How long the previous secret keeps signing beside the new one after a rotation. */
export const ROTATION_OVERLAP_HOURS = 24;
export const HTTPS_ONLY = "Use an https:// URL.";

export const toWebhookDto = (row: WebhookEndpointRow): WebhookDto => ({
  id: row.id,
  url: row.url,
  events: row.events,
  description: row.description,
  enabled: row.enabled,
  disabledReason: row.disabledReason,
  createdAt: row.createdAt.toISOString(),
});

/** The endpoint id of a path, checked before any query (a malformed one names nothing: 404). */
export function parseWebhookId(id: unknown): Result<string> {
  const parsed = webhookParamsSchema.safeParse({ id });
  return parsed.success ? ok(parsed.data.id.toLowerCase()) : fail("not_found", NO_SUCH_WEBHOOK);
}

/** The URL's scheme (WEBHOOKS_ALLOW_HTTP) and, at save time, its addresses (WEBHOOKS_ALLOW_PRIVATE). */
async function checkUrl(href: string): Promise<Result<void>> {
  const env = getEnv();
  const url = new URL(href);
  if (url.protocol !== "https:" && !env.WEBHOOKS_ALLOW_HTTP)
    return fail("validation", HTTPS_ONLY, { fields: { url: [HTTPS_ONLY] } });
  const refused = await assertPublicUrl(url).then(
    () => false,
    (error: unknown) => (error instanceof AddressNotAllowedError ? true : Promise.reject(error)),
  );
  return refused ? fail("validation", NOT_PUBLIC, { fields: { url: [NOT_PUBLIC] } }) : ok(undefined);
}

/** What the audit trail keeps of a URL: its origin only (a path or query may hold the receiver's own token). */
const origin = (href: string) => new URL(href).origin;

const audit = (caller: Caller, client: ClientInfo, detail: Record<string, string | boolean>) => ({
  ...client,
  userId: caller.user.id,
  actorId: caller.user.id,
  detail,
});

/**
 * Creates an endpoint: an administrator inside the re-authentication window; URL https:// (http:// only with
 * WEBHOOKS_ALLOW_HTTP) whose host is not internal (lib/webhooks/ssrf.ts); events from the list, empty for all;
 * a description of at most 500 characters. The secret is answered once and kept sealed (`webhook-secret`).
 * Records `webhook_endpoint.created` on the administrator's account, with the URL's origin only.
 */
export async function createWebhook(
  caller: Caller | null,
  input: unknown,
  client: ClientInfo,
): Promise<Result<CreatedWebhook>> {
  const admin = requireWebhookAdminWrite(caller);
  if (!admin.ok) return admin;
  const parsed = validate(createWebhookSchema, input);
  if (!parsed.ok) return parsed;
  const { url, events, description = "" } = parsed.value;
  const checked = await checkUrl(url);
  if (!checked.ok) return checked;
  const secret = newWebhookSecret();
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(webhookEndpoints)
      .values({
        url,
        events,
        description,
        secretSealed: seal("webhook-secret", secret),
        createdBy: admin.value.user.id,
      })
      .returning();
    await recordEvent(
      "webhook_endpoint.created",
      audit(admin.value, client, { endpointId: inserted!.id, origin: origin(url) }),
      tx,
    );
    return inserted!;
  });
  return ok({ webhook: toWebhookDto(row), secret });
}

/** Every endpoint, newest first, without secrets. Administrators only. */
export async function listWebhooks(caller: Caller | null): Promise<Result<WebhookDto[]>> {
  const admin = requireWebhookAdmin(caller);
  if (!admin.ok) return admin;
  const db = await getDb();
  const rows = await db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));
  return ok(rows.map(toWebhookDto));
}

export type WebhookDetail = WebhookDto & {
  failingSince: string | null;
  /** While a rotation overlaps: when the previous secret stops signing. */
  previousSecretExpiresAt: string | null;
};

/** One endpoint (the console's page), with its failure run and rotation state; never a secret. */
export async function getWebhook(caller: Caller | null, id: unknown): Promise<Result<WebhookDetail>> {
  const admin = requireWebhookAdmin(caller);
  if (!admin.ok) return admin;
  const parsed = parseWebhookId(id);
  if (!parsed.ok) return parsed;
  const db = await getDb();
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, parsed.value));
  if (!row) return fail("not_found", NO_SUCH_WEBHOOK);
  const overlap = row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date();
  return ok({
    ...toWebhookDto(row),
    failingSince: row.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: overlap ? row.previousSecretExpiresAt!.toISOString() : null,
  });
}

/**
 * Changes an endpoint's URL (checked again), events, description or enabled state: an administrator inside the
 * re-authentication window (a new URL sends every later event elsewhere). Turning it on clears why the system
 * turned it off and its failure run; messages queued meanwhile stay where they are. One UPDATE … RETURNING.
 */
export async function updateWebhook(
  caller: Caller | null,
  id: unknown,
  input: unknown,
  client: ClientInfo,
): Promise<Result<WebhookDto>> {
  const admin = requireWebhookAdminWrite(caller);
  if (!admin.ok) return admin;
  const endpointId = parseWebhookId(id);
  if (!endpointId.ok) return endpointId;
  const parsed = validate(updateWebhookSchema, input);
  if (!parsed.ok) return parsed;
  const patch = parsed.value;
  if (patch.url !== undefined) {
    const checked = await checkUrl(patch.url);
    if (!checked.ok) return checked;
  }
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.events !== undefined ? { events: patch.events } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.enabled === true ? { enabled: true, disabledReason: null, failingSince: null } : {}),
        ...(patch.enabled === false ? { enabled: false, disabledReason: null } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(webhookEndpoints.id, endpointId.value))
      .returning();
    if (!updated) return null;
    const detail: Record<string, string | boolean> = { endpointId: updated.id, fields: Object.keys(patch).join(" ") };
    if (patch.url !== undefined) detail.origin = origin(patch.url);
    if (patch.enabled !== undefined) detail.enabled = patch.enabled;
    await recordEvent("webhook_endpoint.updated", audit(admin.value, client, detail), tx);
    return updated;
  });
  return row ? ok(toWebhookDto(row)) : fail("not_found", NO_SUCH_WEBHOOK);
}

/** Deletes an endpoint with its queue and delivery records (cascade): re-authenticated administrators only. */
export async function deleteWebhook(caller: Caller | null, id: unknown, client: ClientInfo): Promise<Result<void>> {
  const admin = requireWebhookAdminWrite(caller);
  if (!admin.ok) return admin;
  const endpointId = parseWebhookId(id);
  if (!endpointId.ok) return endpointId;
  const db = await getDb();
  const deleted = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpointId.value))
      .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
    if (row)
      await recordEvent(
        "webhook_endpoint.deleted",
        audit(admin.value, client, { endpointId: row.id, origin: origin(row.url) }),
        tx,
      );
    return row;
  });
  return deleted ? ok(undefined) : fail("not_found", NO_SUCH_WEBHOOK);
}

/**
 * A new signing secret, answered once: in one UPDATE the current sealed secret becomes the previous one, which
 * keeps signing beside the new one for ROTATION_OVERLAP_HOURS (a second rotation within that time drops the
 * oldest). Re-authenticated administrators only; records `webhook_endpoint.secret_rotated`.
 */
export async function rotateWebhookSecret(
  caller: Caller | null,
  id: unknown,
  client: ClientInfo,
): Promise<Result<{ secret: string }>> {
  const admin = requireWebhookAdminWrite(caller);
  if (!admin.ok) return admin;
  const endpointId = parseWebhookId(id);
  if (!endpointId.ok) return endpointId;
  const secret = newWebhookSecret();
  const db = await getDb();
  const rotated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        previousSecretSealed: sql`${webhookEndpoints.secretSealed}`,
        previousSecretExpiresAt: sql`now() + make_interval(hours => ${ROTATION_OVERLAP_HOURS})`,
        secretSealed: seal("webhook-secret", secret),
        updatedAt: sql`now()`,
      })
      .where(eq(webhookEndpoints.id, endpointId.value))
      .returning({ id: webhookEndpoints.id });
    if (row)
      await recordEvent("webhook_endpoint.secret_rotated", audit(admin.value, client, { endpointId: row.id }), tx);
    return row;
  });
  return rotated ? ok({ secret }) : fail("not_found", NO_SUCH_WEBHOOK);
}
