import { z } from "zod";
import { emailSchema, passwordSchema } from "../users/schemas";

export const ENTER_EMAIL = "Enter your email address.";

/**
 * `POST /api/password-resets`. An address that is not valid is not an error here: the answer is the
 * same for every request (lib/password-reset/request.ts), it just matches no account.
 */
export const passwordResetRequestSchema = z.object({ email: emailSchema });

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
