import { z } from "zod";
import { emailSchema } from "../users/schemas";

/** An email change: the new address and the current password (checked by lib/email-change/request.ts). */
export const emailChangeSchema = z.object({ email: emailSchema, currentPassword: z.string().max(1024).optional() });
