import { z } from "zod";
import { API_KEY_EXPIRY_DAYS, API_KEY_SCOPES } from "./scopes";

/** `POST /api/users/me/api-keys` (and the security page's form). */
export const createApiKeySchema = z
  .object({
    name: z
      .string({ error: "Give the key a name." })
      .trim()
      .min(1, { error: "Give the key a name." })
      .max(100, { error: "Use at most 100 characters." })
      .meta({ example: "Backup script" }),
    scopes: z
      .array(z.enum(API_KEY_SCOPES, { error: "Choose among the scopes offered." }), {
        error: "Choose at least one scope.",
      })
      .min(1, { error: "Choose at least one scope." })
      .max(API_KEY_SCOPES.length, { error: "Choose among the scopes offered." })
      .transform((s) => [...new Set(s)])
      .meta({ example: ["posts:read", "posts:write"] }),
    expiresInDays: z
      .union(
        API_KEY_EXPIRY_DAYS.map((d) => z.literal(d)),
        { error: "Choose 7, 30, 90 or 365 days, or none." },
      )
      .nullable()
      .optional()
      .meta({ description: "7, 30, 90 or 365; null or absent: never expires.", example: 90 }),
  })
  .strict();
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

/** `/api/users/me/api-keys/{id}`: a uuid; anything else names no key (404 without a query). */
export const apiKeyParamsSchema = z.object({ id: z.uuid() });
