import { z } from "zod";

/**
 * One thing that can act as the account (documented by lib/openapi): a browser or API session of the owner's,
 * an API key, a connected identity, or an administrator's impersonation in progress. Never a token, hash or key.
 */
export const accessItemSchema = z
  .object({
    kind: z.enum(["session", "api_key", "identity", "impersonation"]),
    id: z.uuid().meta({
      description:
        "The session's, key's or identity's id: `DELETE /api/sessions/{id}` (sessions and impersonations), " +
        "`DELETE /api/users/me/api-keys/{id}`, `DELETE /api/users/me/identities/{id}`.",
    }),
    label: z.string().meta({ example: "Firefox on Linux" }),
    proof: z.string().meta({
      description: "How it proves itself, in words.",
      example: "Browser cookie",
    }),
    detail: z.string().nullable().meta({
      description:
        "Where or what: a session's address, a key's scopes, an identity's email, an impersonation's reason.",
      example: "203.0.113.7",
    }),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().meta({ description: "Its latest use; null: never used." }),
    expiresAt: z.iso.datetime().nullable().meta({ description: "When it ends by itself; null: never." }),
    idleExpiresAt: z.iso.datetime().nullable().meta({
      description: "A session's end unless used before (SESSION_IDLE_DAYS after last use); null for the others.",
    }),
    current: z.boolean().meta({ description: "The session this request was made with." }),
  })
  .strict()
  .meta({ id: "AccessItem" });

export const accessListSchema = z
  .object({ access: z.array(accessItemSchema) })
  .strict()
  .meta({ id: "AccessList", description: "Everything that can act as the account, newest use first." });

export type AccessItem = z.infer<typeof accessItemSchema>;
export type AccessKind = AccessItem["kind"];
