import { z } from "zod";
import { singleLineText } from "../validation";

export const PASSKEY_NAME_MAX_CHARS = 64;
const BAD_RESPONSE = "This is not a passkey's answer. Use the browser's WebAuthn response as it came.";

/** base64url text of a bounded size: the form every binary field of a WebAuthn response takes in JSON. */
const b64url = (max: number) =>
  z
    .string({ error: BAD_RESPONSE })
    .max(max, BAD_RESPONSE)
    .regex(/^[A-Za-z0-9_-]*$/, BAD_RESPONSE);

/** A passkey's name: one line, trimmed, 1–64 characters; no control or text-direction characters. */
export const passkeyNameSchema = singleLineText(PASSKEY_NAME_MAX_CHARS, "Give the passkey a name.").meta({
  example: "Work laptop",
});

const transports = z
  .array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]))
  .max(8)
  .optional();
const extensionResults = z.record(z.string().max(64), z.unknown()).optional();
const attachment = z.enum(["platform", "cross-platform"]).optional();

/** What `navigator.credentials.create()` answered, as @simplewebauthn/browser's startRegistration() gives it. */
export const registrationResponseSchema = z
  .object({
    id: b64url(1400).min(1, BAD_RESPONSE),
    rawId: b64url(1400).min(1, BAD_RESPONSE),
    type: z.literal("public-key", { error: BAD_RESPONSE }),
    response: z.object({
      clientDataJSON: b64url(8192).min(1, BAD_RESPONSE),
      attestationObject: b64url(16_384).min(1, BAD_RESPONSE),
      authenticatorData: b64url(16_384).optional(),
      publicKey: b64url(8192).optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      transports,
    }),
    authenticatorAttachment: attachment,
    clientExtensionResults: extensionResults.default({}),
  })
  .meta({ id: "PasskeyRegistrationResponse", description: "The browser's answer to the creation options." });

/** What `navigator.credentials.get()` answered, as startAuthentication() gives it. */
export const authenticationResponseSchema = z
  .object({
    id: b64url(1400).min(1, BAD_RESPONSE),
    rawId: b64url(1400).min(1, BAD_RESPONSE),
    type: z.literal("public-key", { error: BAD_RESPONSE }),
    response: z.object({
      clientDataJSON: b64url(8192).min(1, BAD_RESPONSE),
      authenticatorData: b64url(16_384).min(1, BAD_RESPONSE),
      signature: b64url(2048).min(1, BAD_RESPONSE),
      userHandle: b64url(128).optional(),
    }),
    authenticatorAttachment: attachment,
    clientExtensionResults: extensionResults.default({}),
  })
  .meta({ id: "PasskeyAuthenticationResponse", description: "The browser's answer to the request options." });

/** `POST /api/passkeys/registration`. */
export const finishRegistrationSchema = z
  .object({ response: registrationResponseSchema, name: passkeyNameSchema.optional() })
  .meta({ id: "PasskeyRegistration" });

/** The binding secret a sign-in's options gave an API client: 43 base64url characters (32 random bytes). */
export const BAD_BINDING = "Send back the `binding` the sign-in options answered with, as it came.";
export const passkeyBindingSchema = z
  .string({ error: BAD_BINDING })
  .regex(/^[A-Za-z0-9_-]{43}$/, BAD_BINDING)
  .meta({
    example: "q8Jx3cQm0Hk1v2Tt4Yw5Zr6Ap7Bs8Cd9Ef0Gh1Ij2Kl",
    description:
      "The `binding` of the options whose challenge this answers. Only the client that asked for the options " +
      "holds it, so an answer sent from anywhere else is refused.",
  });

/** A browser's passkey sign-in: its binding secret comes in an HttpOnly cookie, never in the form. */
export const browserPasskeySignInSchema = z.object({ response: authenticationResponseSchema });

/** `POST /api/sessions/passkey`: an API client sends the binding back beside the answer. */
export const passkeySignInSchema = browserPasskeySignInSchema
  .extend({ binding: passkeyBindingSchema })
  .meta({ id: "PasskeySignIn" });

/** `PATCH /api/passkeys/{id}`. */
export const renamePasskeySchema = z.object({ name: passkeyNameSchema }).strict().meta({ id: "PasskeyRename" });

/** Our passkey ids: 22 base64url characters (128 random bits). */
export const passkeyParamsSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{22}$/, "A passkey id is 22 letters, digits, - or _."),
});
