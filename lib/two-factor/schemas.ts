import { z } from "zod";

const codeField = z
  .string({ error: "Enter the 6-digit code from your authenticator app." })
  .transform((s) => s.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

/** POST /api/users/me/totp/confirm and the set-up form. */
export const totpConfirmSchema = z
  .object({ code: codeField.meta({ description: "The code the authenticator app shows now.", example: "123456" }) })
  .meta({ id: "TotpConfirm" });

/** POST /api/sessions/mfa: the challenge and either a code or a recovery code. */
export const mfaSignInSchema = z
  .object({
    challenge: z.string({ error: "The challenge is missing." }).min(1).max(200),
    code: z
      .string()
      .max(16)
      .optional()
      .meta({ description: "A 6-digit code from the authenticator app.", example: "123456" }),
    recoveryCode: z
      .string()
      .max(64)
      .optional()
      .meta({ description: "One of the account's recovery codes (each works once).", example: "abcd-efgh-jkmn" }),
  })
  .refine((v) => Boolean(v.code) !== Boolean(v.recoveryCode), {
    message: "Give either a code or a recovery code.",
    path: ["code"],
  })
  .meta({ id: "MfaSignIn" });
