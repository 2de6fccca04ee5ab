import { z } from "zod";
import { WEBHOOK_EVENT_TYPES, webhookPayloadSchema } from "../../webhook-events/dto-schemas";
import type { WebhookEventType } from "../../webhook-events/types";
import { noToken, registry } from "../registry";

/**
 * The events we POST to an administrator's endpoints (issue 32), as OpenAPI 3.1 `webhooks`: one entry per type,
 * its body `{type, timestamp, data}` (lib/webhook-events/dto-schemas.ts) and the Standard Webhooks headers.
 */
const SUMMARY: Record<WebhookEventType, string> = {
  "user.created": "An account was made (sign-up, or a first sign-in with an identity provider).",
  "user.updated": "The account's profile changed (username, display name, avatar, bio).",
  "user.email_verified": "The account's address was proven (a verification link, or an email sign-in).",
  "user.email_changed": "A confirmed email change: the account has a new address.",
  "user.password_changed": "The password was changed, reset by link, or set for the first time.",
  "user.deleted": "The account was deleted, by its owner or an administrator.",
  "user.disabled": "An administrator disabled the account (its sessions end too: session.revoked).",
  "user.enabled": "An administrator enabled the account again.",
  "user.role_changed": "The account's role changed (user or admin).",
  "session.created": "A sign-in opened a session (every way in).",
  "session.revoked": "Sessions ended: one event per change, naming every session it ended, and why.",
  "two_factor.enabled": "Authenticator-app codes were turned on.",
  "two_factor.disabled": "Authenticator-app codes were turned off.",
  "passkey.added": "A passkey was added.",
  "passkey.removed": "A passkey was removed.",
  "identity.connected": "An account at an identity provider was connected.",
  "identity.disconnected": "An account at an identity provider was disconnected.",
  "organization.created": "An organization was created.",
  "organization.updated": "An organization was renamed.",
  "organization.deleted": "An organization was deleted.",
  "member.invited": "Someone was invited to an organization.",
  "member.joined": "An invitation was accepted.",
  "member.role_changed": "A member's role in an organization changed.",
  "member.removed": "A member was removed from an organization.",
  "member.left": "A member left an organization.",
  "webhook.test": "Sent only by an administrator's “Send test event”, to that endpoint.",
};

const headers = z.object({
  "webhook-id": z.string().meta({
    description: "The event's id (`msg_…`): the same on every retry. De-duplicate by it.",
    example: "msg_2Yk0dO0c1XqK3bJm9wZp4LrS7tVn6uQe",
  }),
  "webhook-timestamp": z
    .string()
    .meta({ description: "This attempt's time, in seconds since 1970.", example: "1767225600" }),
  "webhook-signature": z.string().meta({
    description:
      "`v1,` + base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` keyed with the secret's base64 part " +
      "(after `whsec_`); during a rotation two signatures, space-separated. Verify with any Standard Webhooks library.",
  }),
});

for (const type of WEBHOOK_EVENT_TYPES) {
  registry.registerWebhook({
    method: "post",
    path: type,
    operationId: `webhook_${type.replace(".", "_")}`,
    tags: ["Webhook events"],
    summary: SUMMARY[type],
    description: "Order is not promised: sort by `timestamp`. Answer 2xx to acknowledge; 410 disables the endpoint.",
    security: noToken,
    request: {
      headers,
      body: { required: true, content: { "application/json": { schema: webhookPayloadSchema(type) } } },
    },
    responses: {
      200: { description: "Received (any 2xx)." },
      410: { description: "Gone: the endpoint is disabled and nothing more is sent to it." },
    },
  });
}
