import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "../../webhook-events/types";
import { BIDI, CONTROL, CONTROL_BUT_LINES, NO_BIDI, NO_CONTROL, charCount } from "../../validation";

export const URL_MAX = 2000;
export const DESCRIPTION_MAX = 500;
const BAD_URL = "Enter the endpoint's full URL, starting with https://.";

/** The endpoint's URL: absolute http(s) without credentials; whether http is allowed is lib's (WEBHOOKS_ALLOW_HTTP). */
const url = z
  .string({ error: BAD_URL })
  .max(URL_MAX * 2, "This is far too long.")
  .refine((s) => !CONTROL.test(s), NO_CONTROL)
  .refine((s) => !BIDI.test(s), NO_BIDI)
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, BAD_URL)
  .refine((s) => s.length <= URL_MAX, `Use at most ${URL_MAX} characters.`)
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol) && new URL(s).hostname !== "", BAD_URL)
  .refine((s) => {
    const u = URL.canParse(s) ? new URL(s) : null;
    return !u || (!u.username && !u.password);
  }, "Leave the user name and password out of the URL.")
  .transform((s) => new URL(s).href)
  .meta({ example: "https://crm.example.com/hooks/accounts", description: "https:// (http:// only when allowed)." });

const events = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Choose among the event types offered." }), {
    error: "Give a list of event types (empty for all).",
  })
  .max(WEBHOOK_EVENT_TYPES.length * 2, "Choose among the event types offered.")
  .transform((list) => [...new Set(list)])
  .meta({ example: ["user.created", "user.deleted"], description: "The event types it receives; empty: all of them." });

const description = z
  .string({ error: "The description must be text." })
  .max(DESCRIPTION_MAX * 4, "This is far too long.")
  .refine((s) => !CONTROL_BUT_LINES.test(s), NO_CONTROL)
  .refine((s) => !BIDI.test(s), NO_BIDI)
  .transform((s) => s.trim())
  .refine((s) => charCount(s) <= DESCRIPTION_MAX, `Use at most ${DESCRIPTION_MAX} characters.`)
  .meta({ example: "CRM sync" });

/** `POST /api/admin/webhooks` (and the console's "New endpoint" form). */
export const createWebhookSchema = z
  .object({ url, events, description: description.optional() })
  .strict()
  .meta({ id: "CreateWebhook" });
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

/** `PATCH /api/admin/webhooks/{id}`: any of the fields; `enabled: true` also clears why the system turned it off. */
export const updateWebhookSchema = z
  .object({
    url: url.optional(),
    events: events.optional(),
    description: description.optional(),
    enabled: z.boolean({ error: "enabled is true or false." }).optional(),
  })
  .strict()
  .meta({ id: "UpdateWebhook" });
export type UpdateWebhookInput = z.output<typeof updateWebhookSchema>;

/** `/api/admin/webhooks/{id}…`: a uuid; anything else names no endpoint (404 without a query). */
export const webhookParamsSchema = z.object({ id: z.uuid() });

const LIMIT = "The limit must be a whole number from 1 to 100.";
/** `GET /api/admin/webhooks/{id}/deliveries`: the latest `limit` attempts (default 50). */
export const deliveriesQuerySchema = z
  .object({
    limit: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.coerce.number({ error: LIMIT }).int(LIMIT).min(1, LIMIT).max(100, LIMIT).default(50),
    ),
  })
  .strict();
