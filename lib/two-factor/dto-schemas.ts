import { z } from "zod";
import { otherSessionsShape } from "../sessions/dto-schemas";

/** What the two-factor API answers (documented by lib/openapi). */
export const totpEnrolmentSchema = z
  .object({
    secret: z
      .string()
      .meta({ description: "The base32 key, for typing into the app by hand.", example: "JBSWY3DPEHPK3PXP" }),
    otpauthUrl: z.string().meta({ description: "The `otpauth://totp/…` URL the QR code holds." }),
  })
  .strict()
  .meta({ id: "TotpEnrolment", description: "A pending secret: two-factor is on only after a confirmed code." });

export const recoveryCodesSchema = z
  .object({
    recoveryCodes: z
      .array(z.string())
      .length(10)
      .meta({ description: "Shown this once; each works once. Keep them somewhere safe." }),
  })
  .strict()
  .meta({ id: "RecoveryCodes" });

/** The answer to turning two-factor on: the codes and how many other sessions are still signed in. */
export const totpEnabledSchema = recoveryCodesSchema
  .extend(otherSessionsShape)
  .strict()
  .meta({ id: "TotpEnabled", description: "Two-factor is on." });

export const mfaChallengeSchema = z
  .object({
    mfaRequired: z.literal(true),
    challenge: z.string().meta({ description: "Send it back to POST /api/sessions/mfa with a code." }),
    methods: z.array(z.enum(["totp", "recovery_code"])),
    expiresAt: z.iso.datetime(),
  })
  .strict()
  .meta({ id: "MfaChallenge", description: "The password was right; two-factor is on, so a code is still owed." });
