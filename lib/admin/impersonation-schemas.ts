import { z } from "zod";

const REASON = "Write why you act as this account (at most 500 characters).";

/** The body of POST /api/admin/users/{id}/impersonation and the console's "Act as" form. */
export const impersonationSchema = z.strictObject({
  reason: z.string({ error: REASON }).trim().min(1, REASON).max(500, REASON),
});
