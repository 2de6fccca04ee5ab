import { z } from "zod";

/** What leaves lib/identities (documented by lib/openapi). Never the subject, never a provider token. */
export const identityDtoSchema = z
  .object({
    id: z.uuid().meta({ description: "Ours: the connection's id (`DELETE /api/users/me/identities/{id}`)." }),
    provider: z.enum(["oidc", "github", "google"]).meta({ example: "github" }),
    providerName: z.string().meta({ example: "GitHub", description: "The provider's name as the buttons say it." }),
    email: z
      .string()
      .nullable()
      .meta({ example: "ada@example.com", description: "The address the provider gave when it was connected." }),
    connectedAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().meta({ description: "The last sign-in with it; null: never since." }),
  })
  .strict()
  .meta({ id: "Identity", description: "An account at an identity provider connected to this one." });

export const identityListSchema = z
  .object({ identities: z.array(identityDtoSchema) })
  .strict()
  .meta({ id: "IdentityList" });
