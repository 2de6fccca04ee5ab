import { z } from "zod";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./types";

/**
 * The payload of every webhook event type as a zod schema: what the OpenAPI document's `webhooks` section shows
 * (lib/openapi/paths/webhook-events.ts), and what lib/webhook-events/flows.test.ts checks each emitted payload
 * against (strict objects, so a field added to a builder in payloads.ts and not here fails the test).
 * organization.*, member.* and webhook.test are written by their own modules; their `data` is described loosely.
 */
const id = z.uuid();
const at = z.iso.datetime();
const email = z.string().meta({ format: "email", example: "ada@example.com" });

const user = z
  .object({
    id,
    username: z.string().meta({ example: "ada" }),
    email,
    emailVerified: z.boolean(),
    role: z.enum(["user", "admin"]),
    disabled: z.boolean(),
    createdAt: at,
  })
  .strict()
  .meta({ id: "WebhookUser", description: "The account as the change left it (as it was, for user.deleted)." });

const userData = <T extends z.ZodRawShape>(extra: T) => z.object({ user, ...extra }).strict();

const sessionsRevoked = z
  .object({
    userId: id,
    sessionIds: z
      .array(id)
      .min(1)
      .max(200)
      .meta({ description: "The sessions this one change ended (the first 200, when `count` is more)." }),
    count: z.int().min(1).meta({ description: "How many sessions this change ended." }),
    reason: z.enum([
      "signed_out",
      "revoked",
      "signed_out_everywhere",
      "replaced",
      "evicted",
      "password_changed",
      "password_reset",
      "email_changed",
      "email_proved",
      "secured",
      "disabled",
      "admin",
    ]),
  })
  .strict();

const twoFactor = z.object({ userId: id, method: z.literal("totp") }).strict();
const passkey = z
  .object({
    userId: id,
    passkey: z
      .object({ id: z.string().meta({ description: "Ours, opaque (not the credential id)." }), name: z.string() })
      .strict(),
  })
  .strict();
const identity = z
  .object({
    userId: id,
    identity: z
      .object({
        id,
        provider: z.string().meta({ example: "github" }),
        subject: z.string().meta({ description: "The provider's id of the person." }),
        email: z.string().nullable(),
      })
      .strict(),
  })
  .strict();
const loose = z.object({}).loose();

/** The `data` of each type. */
export const WEBHOOK_DATA_SCHEMAS = {
  "user.created": userData({ via: z.enum(["sign_up", "identity"]) }),
  "user.updated": userData({
    changed: z.array(z.enum(["username", "displayName", "avatarUrl", "bio"])).meta({ description: "The fields set." }),
  }),
  "user.email_verified": userData({}),
  "user.email_changed": userData({ previousEmail: email }),
  "user.password_changed": userData({
    how: z
      .enum(["changed", "reset", "set"])
      .meta({ description: "Changed knowing the old one, reset by link, or a first one set." }),
  }),
  "user.deleted": userData({ by: z.enum(["self", "admin"]) }),
  "user.disabled": userData({}),
  "user.enabled": userData({}),
  "user.role_changed": userData({ previousRole: z.enum(["user", "admin"]) }),
  "session.created": z
    .object({ session: z.object({ id, userId: id, kind: z.enum(["browser", "api"]) }).strict() })
    .strict(),
  "session.revoked": sessionsRevoked,
  "two_factor.enabled": twoFactor,
  "two_factor.disabled": twoFactor,
  "passkey.added": passkey,
  "passkey.removed": passkey,
  "identity.connected": identity,
  "identity.disconnected": identity,
  "organization.created": loose,
  "organization.updated": loose,
  "organization.deleted": loose,
  "member.invited": loose,
  "member.joined": loose,
  "member.role_changed": loose,
  "member.removed": loose,
  "member.left": loose,
  "webhook.test": loose,
} satisfies Record<WebhookEventType, z.ZodType>;

/** The whole body a receiver gets for `type`: `{type, timestamp, data}`. */
export const webhookPayloadSchema = (type: WebhookEventType) =>
  z
    .object({
      type: z.literal(type),
      timestamp: at.meta({ description: "When the event happened (ISO 8601)." }),
      data: WEBHOOK_DATA_SCHEMAS[type],
    })
    .strict();

export { WEBHOOK_EVENT_TYPES };
