import { z } from "zod";

/** What leaves lib/webhooks/endpoints (documented by lib/openapi). Never a secret but once, on create and rotate. */
export const webhookDtoSchema = z
  .object({
    id: z.uuid(),
    url: z.string().meta({ example: "https://crm.example.com/hooks/accounts" }),
    events: z.array(z.string()).meta({ example: ["user.created"], description: "Empty: every event type." }),
    description: z.string(),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .meta({ description: "Why the system turned it off (410 Gone, failing for a day); null otherwise." }),
    createdAt: z.iso.datetime(),
  })
  .strict()
  .meta({ id: "Webhook", description: "An endpoint that receives signed webhooks (Standard Webhooks)." });
export type WebhookDto = z.infer<typeof webhookDtoSchema>;

export const webhookListSchema = z
  .object({ webhooks: z.array(webhookDtoSchema) })
  .strict()
  .meta({ id: "WebhookList" });

const secret = z.string().meta({
  description: "The signing secret (`whsec_` + base64 of 32 random bytes): shown this once, never again.",
  example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
});

export const createdWebhookSchema = z
  .object({ webhook: webhookDtoSchema, secret })
  .strict()
  .meta({ id: "CreatedWebhook" });
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const rotatedSecretSchema = z.object({ secret }).strict().meta({ id: "RotatedWebhookSecret" });

export const deliveryDtoSchema = z
  .object({
    id: z.string().meta({ description: "The attempt's id." }),
    eventId: z.string().meta({ description: "The `webhook-id`: the same on every attempt of one event." }),
    type: z.string().meta({ example: "user.created" }),
    attempt: z.number().int().meta({ description: "1 for the first try." }),
    status: z.number().int().nullable().meta({ description: "The receiver's HTTP status; null: no answer." }),
    durationMs: z.number().int(),
    error: z.string().optional().meta({ description: "Why it failed, when it did (never the body or a secret)." }),
    at: z.iso.datetime(),
    nextAttemptAt: z.iso.datetime().optional().meta({ description: "When it is tried again, if it is." }),
  })
  .strict()
  .meta({ id: "WebhookDelivery" });
export type DeliveryDto = z.infer<typeof deliveryDtoSchema>;

export const deliveryListSchema = z
  .object({ deliveries: z.array(deliveryDtoSchema) })
  .strict()
  .meta({ id: "WebhookDeliveryList" });
