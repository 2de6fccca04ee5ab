import { z } from "zod";
import { authenticationResponseSchema } from "../passkeys/schemas";

const given = (v: unknown) => v !== undefined && v !== "";

/**
 * POST /api/sessions/current/reauthenticate and the prompt: the current password, an authenticator-app
 * code, a recovery code, or a passkey's answer to the options of POST /api/sessions/current/reauthenticate/options.
 */
export const reauthenticateSchema = z
  .object({
    password: z.string().max(1024).optional().meta({ description: "The account's current password." }),
    code: z
      .string()
      .trim()
      .max(16)
      .optional()
      .meta({ description: "A 6-digit code from the authenticator app (when two-factor is on)." }),
    recoveryCode: z
      .string()
      .trim()
      .max(64)
      .optional()
      .meta({ description: "One of the account's recovery codes (when two-factor is on); each works once." }),
    passkey: authenticationResponseSchema
      .optional()
      .meta({ description: "A passkey's answer (startAuthentication()) to the re-authentication options." }),
  })
  .refine((v) => [v.password, v.code, v.recoveryCode, v.passkey].filter(given).length === 1, {
    message: "Give one of your password, a code, a recovery code or a passkey.",
    path: ["password"],
  })
  .meta({ id: "Reauthenticate" });
export type ReauthenticateInput = z.output<typeof reauthenticateSchema>;
