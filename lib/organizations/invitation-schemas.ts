import { z } from "zod";
import { emailSchema } from "../users/schemas";
import { ORG_ROLES } from "./roles";
import { slugSchema } from "./schemas";

/** `POST /api/organizations/{slug}/invitations` `{email, role}`: the address is normalised like an account's. */
export const inviteSchema = z.strictObject({
  email: emailSchema,
  role: z.enum(ORG_ROLES, { error: "Choose owner, admin or member." }),
});
export type InviteInput = z.output<typeof inviteSchema>;

/** `POST /api/invitations/accept|decline` `{token}`: anything malformed is the same 400 as an unknown token. */
export const invitationTokenSchema = z.strictObject({ token: z.string({ error: "Required." }).max(200) });

/** The invitation link page's query: one `token` (a repeated or missing one reads as no token). */
export const invitationPageQuerySchema = z.object({
  token: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string()),
});

/** The path of the invitation routes: a slug (the organization's rules: anything else names none, 404) and an id. */
export const invitationPathSchema = z.object({ slug: slugSchema, id: z.string().max(100).optional() });
