import { z } from "zod";
import { signInSchema } from "./schemas";

/** `POST /api/sign-in/email` and the "Email me a sign-in link" form: the username or the email. */
export const emailSignInRequestSchema = z.object({ login: signInSchema.shape.login });

/** Digits only, once spaces and dashes are gone: how the 8-digit code is typed ("1234 5678" counts). */
export const EMAIL_CODE_LENGTH = 8;

/**
 * `POST /api/sign-in/email/confirm`: the login and the code from the message. A code that is not 8 digits
 * is still a string here (and answered `invalid_code` like a wrong one), so its shape says nothing.
 */
export const emailSignInConfirmSchema = z.object({
  login: signInSchema.shape.login,
  code: z
    .string({ error: "Enter the code from the message." })
    .max(64, "This is far too long.")
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, "Enter the code from the message.")),
});
export type EmailSignInConfirmInput = z.output<typeof emailSignInConfirmSchema>;
