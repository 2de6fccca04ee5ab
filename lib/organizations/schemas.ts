import { z } from "zod";
import { singleLineText } from "../validation";
import { ORG_ROLES } from "./roles";

export const SLUG_RULES = "Use 3–40 lower-case letters, digits and dashes, starting and ending with a letter or digit.";

/** An organization's address: lower-case letters, digits and dashes, 3–40, no dash at either end. */
export const slugSchema = z
  .string({ error: "Choose an address (slug)." })
  .max(200, "This is far too long.")
  .refine((s) => s.length >= 3, "Use at least 3 characters.")
  .refine((s) => s.length <= 40, "Use at most 40 characters.")
  .refine((s) => /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(s), SLUG_RULES)
  .meta({ example: "acme-team", description: "Lower-case letters, digits and dashes; 3–40." });

/** The name people read: one line, trimmed, 1–100 characters. */
export const organizationNameSchema = singleLineText(100, "Give the organization a name.", "Required.").meta({
  example: "Acme Team",
});

/** `POST /api/organizations` and the "New organization" form. */
export const createOrganizationSchema = z.object({ name: organizationNameSchema, slug: slugSchema }).strict();
export type CreateOrganizationInput = z.output<typeof createOrganizationSchema>;

/** `PATCH /api/organizations/{slug}`. */
export const renameOrganizationSchema = z.object({ name: organizationNameSchema }).strict();

/** `DELETE /api/organizations/{slug}`: the slug typed again. */
export const deleteOrganizationSchema = z
  .object({
    confirm: z
      .string({ error: "Type the organization's address (slug) to confirm." })
      .max(200, "This is far too long.")
      .meta({ example: "acme-team", description: "The organization's slug, typed again." }),
  })
  .strict();

/** `PATCH /api/organizations/{slug}/members/{userId}`. */
export const changeRoleSchema = z
  .object({ role: z.enum(ORG_ROLES, { error: "Choose owner, admin or member." }).meta({ example: "admin" }) })
  .strict();

/** A path's `{slug}`: anything that could not be a slug names nothing (404 without a query). */
export const organizationParamsSchema = z.object({ slug: slugSchema });
export const memberParamsSchema = z.object({ slug: slugSchema, userId: z.uuid() });

export const ORGANIZATION_NOT_FOUND = "No such organization.";
export const MEMBER_NOT_FOUND = "No such member in this organization.";
