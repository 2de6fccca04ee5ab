import { z } from "zod";

/** What leaves lib/passkeys (documented by lib/openapi). Never the public key or the credential id. */
export const passkeyDtoSchema = z
  .object({
    id: z.string().meta({ example: "Yq3n8cC0Tl2x4c9JfQ1b7w", description: "Ours, opaque and random." }),
    name: z.string().meta({ example: "Chrome on macOS" }),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    backedUp: z
      .boolean()
      .meta({ description: "Synced (backed up by a passkey provider) rather than bound to one device." }),
  })
  .strict()
  .meta({ id: "Passkey", description: "A passkey of the account." });

export const passkeyListSchema = z
  .object({ passkeys: z.array(passkeyDtoSchema) })
  .strict()
  .meta({ id: "PasskeyList" });

/** Options for navigator.credentials.create()/get() (JSON, as @simplewebauthn/browser takes them). */
export const creationOptionsSchema = z
  .object({ challenge: z.string(), rp: z.object({ id: z.string().optional(), name: z.string() }) })
  .loose()
  .meta({ id: "PasskeyCreationOptions", description: "PublicKeyCredentialCreationOptionsJSON (WebAuthn Level 3)." });

export const requestOptionsSchema = z
  .object({ challenge: z.string(), rpId: z.string().optional() })
  .loose()
  .meta({ id: "PasskeyRequestOptions", description: "PublicKeyCredentialRequestOptionsJSON (WebAuthn Level 3)." });

/** `POST /api/sessions/passkey/options`: the request options, and the binding that alone can spend their challenge. */
export const signInOptionsSchema = requestOptionsSchema
  .extend({
    binding: z
      .string()
      .optional()
      .meta({
        example: "q8Jx3cQm0Hk1v2Tt4Yw5Zr6Ap7Bs8Cd9Ef0Gh1Ij2Kl",
        description:
          "Send it back as `binding` with the answer (`POST /api/sessions/passkey`): the challenge is bound to " +
          "it, so an answer sent without it, from anywhere else, is refused. Always present for a program; left " +
          "out only for this site's own pages (`Sec-Fetch-Site: same-origin`), which get it in an HttpOnly cookie.",
      }),
  })
  .meta({
    id: "PasskeySignInOptions",
    description: "PublicKeyCredentialRequestOptionsJSON (WebAuthn Level 3), and the challenge's `binding`.",
  });
