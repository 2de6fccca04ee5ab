import { z } from "zod";
import { emailSchema, passwordSchema } from "../users/schemas";

export const ENTER_EMAIL = "Enter your email address.";

/**
 * `POST /api/password-resets`. An address that is not valid is not an error here: the answer is the
 * same for every request (lib/password-reset/request.ts), it just matches no account.
 */
export const passwordResetRequestSchema = z.object({ email: emailSchema });

/**
 * What the API document says `POST /api/password-resets` accepts: any JSON object, since an address that is
 * missing, not a string or not valid gets the same 202 (no oracle). Clients and validators then agree with
 * the server; the field is still described as the account's address.
 */
export const passwordResetRequestDocument = z
  .looseObject({
    email: z
      .unknown()
      .optional()
      .meta({
        description:
          "The account's email address. Anything else (missing, not a string, not an address, too long) is " +
          "answered with the same 202 and sends nothing.",
        example: "ada@example.com",
      }),
  })
  .meta({ id: "PasswordResetRequest" });

/** The forgot-password form: only an empty field is refused (the rest gets the same answer as above). */
export const forgotPasswordFormSchema = z.object({
  email: z
    .string()
    .max(400, "This is far too long.")
    .refine((email) => email.trim() !== "", ENTER_EMAIL),
});

/** `POST /api/password-resets/confirm` and the reset-password form. */
export const passwordResetConfirmSchema = z.object({
  token: z.string().max(200).optional(),
  newPassword: passwordSchema,
});
