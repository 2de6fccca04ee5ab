import { z } from "zod";
import {
  createdWebhookSchema,
  deliveryListSchema,
  rotatedSecretSchema,
  webhookDtoSchema,
  webhookListSchema,
} from "../../webhooks/endpoints/dto-schemas";
import { createWebhookSchema, deliveriesQuerySchema, updateWebhookSchema } from "../../webhooks/endpoints/schemas";
import { needsToken, registry } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, noContent, problemResponses, problems } from "../responses";

// The webhook endpoints of app/api/admin/webhooks (issue 32): administrators only, API keys refused.

const notAdmin = {
  ...problems[403],
  description:
    "The caller is not an administrator (an API key never is). Creating, changing, deleting and rotating also answer " +
    "403 with `code: reauthentication_required` when the caller has not re-authenticated recently.",
};
const id = { params: z.object({ id: z.uuid().meta({ description: "The endpoint's `id`." }) }) };
const admin = (statuses: Parameters<typeof problemResponses>) => ({ ...problemResponses(...statuses), 403: notAdmin });
const refusedUrl = {
  ...problems[400],
  description:
    "Field errors: a URL that is not `https://` (`http://` only with `WEBHOOKS_ALLOW_HTTP=true`), carries a user " +
    "name or password, or whose host is or resolves to a loopback, private, link-local or otherwise internal " +
    "address (unless `WEBHOOKS_ALLOW_PRIVATE=true`); an unknown event type; a description over 500 characters.",
};
const webhookAnswer = z.object({ webhook: webhookDtoSchema }).meta({ id: "WebhookAnswer" });

registry.registerPath({
  method: "get",
  path: "/api/admin/webhooks",
  operationId: "adminListWebhooks",
  tags: ["Admin"],
  summary: "Webhook endpoints",
  description: "Every endpoint, newest first. Never a secret.",
  security: needsToken,
  responses: { 200: jsonResponse("The endpoints.", webhookListSchema), ...admin([401]) },
});

registry.registerPath({
  method: "post",
  path: "/api/admin/webhooks",
  operationId: "adminCreateWebhook",
  tags: ["Admin"],
  summary: "Add a webhook endpoint",
  description:
    "Deliveries follow the Standard Webhooks specification (`webhook-id`, `webhook-timestamp`, " +
    "`webhook-signature`). The signing secret is in this answer only; it is stored encrypted. `events` empty: all.",
  security: needsToken,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: createWebhookSchema,
          example: { url: "https://crm.example.com/hooks/accounts", events: ["user.created"], description: "CRM" },
        },
      },
    },
  },
  responses: {
    201: jsonResponse("Created; the secret is shown this once.", createdWebhookSchema),
    ...admin([...JSON_BODY_PROBLEMS, 401]),
    400: refusedUrl,
  },
});

registry.registerPath({
  method: "get",
  path: "/api/admin/webhooks/{id}",
  operationId: "adminGetWebhook",
  tags: ["Admin"],
  summary: "One webhook endpoint",
  security: needsToken,
  request: id,
  responses: { 200: jsonResponse("The endpoint.", webhookAnswer), ...admin([401, 404]) },
});

registry.registerPath({
  method: "patch",
  path: "/api/admin/webhooks/{id}",
  operationId: "adminUpdateWebhook",
  tags: ["Admin"],
  summary: "Change, disable or enable a webhook endpoint",
  description: "`enabled: true` also clears why the system disabled it (410 Gone, failing for a day).",
  security: needsToken,
  request: {
    ...id,
    body: {
      required: true,
      content: { "application/json": { schema: updateWebhookSchema, example: { enabled: false } } },
    },
  },
  responses: {
    200: jsonResponse("The endpoint after the change.", webhookAnswer),
    ...admin([...JSON_BODY_PROBLEMS, 401, 404]),
    400: refusedUrl,
  },
});

registry.registerPath({
  method: "delete",
  path: "/api/admin/webhooks/{id}",
  operationId: "adminDeleteWebhook",
  tags: ["Admin"],
  summary: "Delete a webhook endpoint",
  description: "Its queued messages and delivery records go with it.",
  security: needsToken,
  request: id,
  responses: { 204: noContent, ...admin([401, 404]) },
});

registry.registerPath({
  method: "post",
  path: "/api/admin/webhooks/{id}/rotate-secret",
  operationId: "adminRotateWebhookSecret",
  tags: ["Admin"],
  summary: "Rotate the signing secret",
  description:
    "Answers the new secret once. For 24 hours the previous one signs beside it (two space-separated signatures in " +
    "`webhook-signature`), so a receiver can switch without missing a delivery.",
  security: needsToken,
  request: id,
  responses: { 200: jsonResponse("The new secret, shown this once.", rotatedSecretSchema), ...admin([401, 404]) },
});

registry.registerPath({
  method: "post",
  path: "/api/admin/webhooks/{id}/test",
  operationId: "adminSendWebhookTest",
  tags: ["Admin"],
  summary: "Send a test event",
  description: "Queues a `webhook.test` event to this endpoint only. 409 when the endpoint is disabled.",
  security: needsToken,
  request: id,
  responses: {
    202: jsonResponse(
      "Queued.",
      z.object({ eventId: z.string().meta({ description: "Its `webhook-id`." }) }).meta({ id: "WebhookTestQueued" }),
    ),
    ...admin([401, 404, 409]),
  },
});

registry.registerPath({
  method: "post",
  path: "/api/admin/webhooks/{id}/retry",
  operationId: "adminRetryWebhook",
  tags: ["Admin"],
  summary: "Retry now",
  description: "The endpoint's messages waiting for a retry or given up become due at once.",
  security: needsToken,
  request: id,
  responses: {
    202: jsonResponse(
      "Queued again.",
      z
        .object({ retried: z.number().int().meta({ description: "How many messages." }) })
        .meta({ id: "WebhookRetried" }),
    ),
    ...admin([401, 404]),
  },
});

registry.registerPath({
  method: "get",
  path: "/api/admin/webhooks/{id}/deliveries",
  operationId: "adminListWebhookDeliveries",
  tags: ["Admin"],
  summary: "Recent deliveries of an endpoint",
  description: "One row per attempt, newest first (refusals before connecting too, with a null `status`).",
  security: needsToken,
  request: { ...id, query: deliveriesQuerySchema },
  responses: { 200: jsonResponse("The latest attempts.", deliveryListSchema), ...admin([400, 401, 404]) },
});
