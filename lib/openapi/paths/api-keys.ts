import { z } from "zod";
import { apiKeyListSchema, createdApiKeySchema } from "../../api-keys/dto-schemas";
import { createApiKeySchema } from "../../api-keys/schemas";
import { registry, tokenOrBrowser } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, noContent, problemResponses, problems } from "../responses";

const NO_KEY = "A session's token only: an API key never manages keys (403 `code: insufficient_scope`).";

registry.registerPath({
  method: "get",
  path: "/api/users/me/api-keys",
  operationId: "listApiKeys",
  tags: ["Account"],
  summary: "The account's API keys",
  description: `Newest first, expired ones too; never the key itself. ${NO_KEY}`,
  security: tokenOrBrowser,
  responses: {
    200: jsonResponse("Newest first.", apiKeyListSchema),
    ...problemResponses(401),
    403: { ...problems[403], description: "An API key called (`code: insufficient_scope`)." },
  },
});

registry.registerPath({
  method: "post",
  path: "/api/users/me/api-keys",
  operationId: "createApiKey",
  tags: ["Account"],
  summary: "Create an API key",
  description:
    "Needs a fresh re-authentication (`POST /api/sessions/current/reauthenticate`). The answer's `key` is shown " +
    "this once: only its hash and first characters (`prefix`) are kept. At most 25 unexpired keys per account. " +
    `Records \`api_key.created\`. ${NO_KEY}`,
  security: tokenOrBrowser,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: createApiKeySchema,
          example: { name: "Backup script", scopes: ["posts:read"], expiresInDays: 90 },
        },
      },
    },
  },
  responses: {
    201: jsonResponse("The key's metadata and the key itself, once.", createdApiKeySchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401),
    403: {
      ...problems[403],
      description:
        "`code: reauthentication_required`: re-authenticate first; or an API key called (`insufficient_scope`).",
    },
    409: { ...problems[409], description: "`code: too_many_api_keys`: the account already has 25 unexpired keys." },
  },
});

registry.registerPath({
  method: "delete",
  path: "/api/users/me/api-keys/{id}",
  operationId: "revokeApiKey",
  tags: ["Account"],
  summary: "Revoke an API key",
  description:
    "At once: its next request is signed out. Another account's key is not found, like an unknown one. " +
    `Records \`api_key.revoked\`. ${NO_KEY}`,
  security: tokenOrBrowser,
  request: { params: z.object({ id: z.uuid().meta({ description: "The key's `id`." }) }) },
  responses: {
    204: noContent,
    ...problemResponses(401, 404),
    403: { ...problems[403], description: "An API key called (`code: insufficient_scope`)." },
  },
});
