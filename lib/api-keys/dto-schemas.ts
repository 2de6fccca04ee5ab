import { z } from "zod";
import { API_KEY_SCOPES } from "./scopes";

/** What leaves lib/api-keys (documented by lib/openapi). Never the key's hash; the key itself only once. */
export const apiKeyDtoSchema = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: "Backup script" }),
    prefix: z
      .string()
      .meta({ example: "acc_Q2x9bT1k", description: "The key's first characters, for telling keys apart." }),
    scopes: z.array(z.enum(API_KEY_SCOPES)).meta({ example: ["posts:read"] }),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().meta({ description: "Written at most once a minute; null: never used." }),
    expiresAt: z.iso.datetime().nullable().meta({ description: "Null: never expires." }),
  })
  .strict()
  .meta({ id: "ApiKey", description: "A named, scoped key a program sends as `Authorization: Bearer acc_…`." });
export type ApiKeyDto = z.infer<typeof apiKeyDtoSchema>;

export const apiKeyListSchema = z
  .object({ apiKeys: z.array(apiKeyDtoSchema) })
  .strict()
  .meta({ id: "ApiKeyList" });

export const createdApiKeySchema = z
  .object({
    apiKey: apiKeyDtoSchema.omit({ lastUsedAt: true }),
    key: z.string().meta({ description: "The key itself: shown this once, never again.", example: "acc_Q2x9bT1k…" }),
  })
  .strict()
  .meta({ id: "CreatedApiKey" });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
