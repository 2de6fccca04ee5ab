import { z } from "zod";
import { ORG_ROLES } from "./roles";

/** What leaves the invitation routes (documented by lib/openapi). Never a token or its hash. */
export const invitationDtoSchema = z
  .object({
    id: z.uuid(),
    email: z.string().meta({ example: "ada@example.com", description: "The invited address, normalised." }),
    role: z.enum(ORG_ROLES),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().meta({ description: "7 days after it was sent (or last replaced)." }),
  })
  .strict()
  .meta({ id: "Invitation", description: "A pending invitation to an organization." });

export const invitationCreatedSchema = z.object({ invitation: invitationDtoSchema }).strict();
export const invitationListSchema = z
  .object({ invitations: z.array(invitationDtoSchema) })
  .strict()
  .meta({ id: "InvitationList" });

/** The organization joined, with the caller's role in it. */
export const joinedOrganizationSchema = z
  .object({
    organization: z
      .object({
        id: z.uuid(),
        slug: z.string(),
        name: z.string(),
        role: z.enum(ORG_ROLES),
        createdAt: z.iso.datetime(),
      })
      .strict(),
  })
  .strict();
