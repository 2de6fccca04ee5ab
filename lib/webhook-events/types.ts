/**
 * Every webhook event type a receiver may subscribe to (issue 32). `webhook.test` is sent only by an
 * administrator's "send a test event". Kept apart from emit.ts so pages and the OpenAPI document can list them.
 */
export const WEBHOOK_EVENT_TYPES = [
  "user.created",
  "user.updated",
  "user.email_verified",
  "user.email_changed",
  "user.password_changed",
  "user.deleted",
  "user.disabled",
  "user.enabled",
  "user.role_changed",
  "session.created",
  "session.revoked",
  "two_factor.enabled",
  "two_factor.disabled",
  "passkey.added",
  "passkey.removed",
  "identity.connected",
  "identity.disconnected",
  "organization.created",
  "organization.updated",
  "organization.deleted",
  "member.invited",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "member.left",
  "webhook.test",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
