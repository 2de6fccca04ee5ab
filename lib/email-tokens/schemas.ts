import { z } from "zod";

/**
 * The query of a page opened from an emailed link (`/reset-password?token=`, `/verify-email?token=`):
 * a token that is not 43 base64url characters could never redeem, so it becomes "" (the form then says
 * the link is not valid) rather than being carried into the page and back.
 */
export const emailLinkPageQuerySchema = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .catch(""),
});
