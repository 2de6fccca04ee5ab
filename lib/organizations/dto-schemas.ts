import { z } from "zod";
import { ORG_ROLES } from "./roles";

/** What leaves lib/organizations (documented by lib/openapi). */
const role = z.enum(ORG_ROLES).meta({ description: "The caller's role: owner, admin or member.", example: "owner" });

export const organizationDtoSchema = z
  .object({
    id: z.uuid(),
    slug: z.string().meta({ example: "acme-team" }),
    name: z.string().meta({ example: "Acme Team" }),
    role,
    createdAt: z.iso.datetime(),
  })
  .strict()
  .meta({ id: "Organization", description: "An organization as one of its members sees it, with their role." });

export const organizationEnvelopeSchema = z
  .object({ organization: organizationDtoSchema })
  .strict()
  .meta({ id: "OrganizationEnvelope" });

export const organizationListSchema = z
  .object({ organizations: z.array(organizationDtoSchema.omit({ createdAt: true })) })
  .strict()
  .meta({ id: "OrganizationList", description: "The caller's organizations, by name." });

export const memberDtoSchema = z
  .object({
    userId: z.uuid(),
    username: z.string().meta({ example: "ada" }),
    role: z.enum(ORG_ROLES).meta({ example: "member" }),
    joinedAt: z.iso.datetime(),
  })
  .strict()
  .meta({ id: "Member" });
export type MemberDto = z.infer<typeof memberDtoSchema>;

export const memberListSchema = z
  .object({ members: z.array(memberDtoSchema) })
  .strict()
  .meta({ id: "MemberList", description: "Owners first, then admins, then members; by username within each." });

export const memberEnvelopeSchema = z.object({ member: memberDtoSchema }).strict().meta({ id: "MemberEnvelope" });
