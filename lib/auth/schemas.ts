import { z } from "zod";

export const signInSchema = z.object({
  login: z
    .string({ error: "Enter your username or email." })
    .max(400, "This is far too long.")
    // No username or address holds a control character; NUL would otherwise reach PostgreSQL (a 500).
    .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/u.test(s), "Remove the control characters.")
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "Enter your username or email.")),
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(1024, "This is far too long."),
});
export type SignInInput = z.output<typeof signInSchema>;
