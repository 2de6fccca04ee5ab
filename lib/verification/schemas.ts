import { z } from "zod";

/** `POST /api/email-verifications/confirm`: the token of the emailed link (any other value is an invalid link). */
export const emailConfirmationSchema = z.object({
  token: z.string().max(200).meta({ description: "The `token` of the link in the email." }),
});
