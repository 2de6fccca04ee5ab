import { z } from "zod";
import {
  memberEnvelopeSchema,
  memberListSchema,
  organizationEnvelopeSchema,
  organizationListSchema,
} from "../../organizations/dto-schemas";
import {
  changeRoleSchema,
  createOrganizationSchema,
  deleteOrganizationSchema,
  renameOrganizationSchema,
} from "../../organizations/schemas";
import { registry, tokenOrBrowser } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, noContent, problemResponses, problems } from "../responses";

const tags = ["Organizations"];
const slug = z.string().meta({ description: "The organization's slug.", example: "acme-team" });
const slugParams = z.object({ slug });
const memberParams = z.object({ slug, userId: z.uuid().meta({ description: "The member's account id." }) });
const HIDDEN = "Not a member, or no such organization: the two answer alike.";
const scope = (s: string) => `An API key needs \`${s}\`.`;
const forbidden = (d: string) => ({ ...problems[403], description: d });
const notFound = { ...problems[404], description: HIDDEN };
const lastOwner = {
  ...problems[409],
  description: "`code: last_owner`: an organization always keeps an owner; make another owner first.",
};
const body = (schema: z.ZodType, example: unknown) => ({
  body: { required: true, content: { "application/json": { schema, example } } },
});

registry.registerPath({
  method: "get",
  path: "/api/organizations",
  operationId: "listOrganizations",
  tags,
  summary: "The caller's organizations",
  description: `Each with the caller's role, by name. ${scope("organizations:read")}`,
  security: tokenOrBrowser,
  responses: {
    200: jsonResponse("The caller's organizations.", organizationListSchema),
    ...problemResponses(401, 403),
  },
});

registry.registerPath({
  method: "post",
  path: "/api/organizations",
  operationId: "createOrganization",
  tags,
  summary: "Create an organization",
  description:
    "The caller (a verified email) becomes its owner. Records `organization.created`. " + scope("organizations:write"),
  security: tokenOrBrowser,
  request: body(createOrganizationSchema, { name: "Acme Team", slug: "acme-team" }),
  responses: {
    201: jsonResponse("Created; the caller is its owner.", organizationEnvelopeSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401),
    403: forbidden("`code: email_unverified`: confirm the email address first; or a key without the scope."),
    409: { ...problems[409], description: "The slug is taken (`errors.slug`)." },
  },
});

registry.registerPath({
  method: "get",
  path: "/api/organizations/{slug}",
  operationId: "getOrganization",
  tags,
  summary: "One organization",
  description: `To its members. ${scope("organizations:read")}`,
  security: tokenOrBrowser,
  request: { params: slugParams },
  responses: {
    200: jsonResponse("The organization, with the caller's role.", organizationEnvelopeSchema),
    ...problemResponses(401, 403),
    404: notFound,
  },
});

registry.registerPath({
  method: "patch",
  path: "/api/organizations/{slug}",
  operationId: "renameOrganization",
  tags,
  summary: "Rename an organization",
  description: `Owners only. ${scope("organizations:write")}`,
  security: tokenOrBrowser,
  request: { params: slugParams, ...body(renameOrganizationSchema, { name: "Acme Group" }) },
  responses: {
    200: jsonResponse("Renamed.", organizationEnvelopeSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401),
    403: forbidden("Below owner; or a key without the scope."),
    404: notFound,
  },
});

registry.registerPath({
  method: "delete",
  path: "/api/organizations/{slug}",
  operationId: "deleteOrganization",
  tags,
  summary: "Delete an organization",
  description:
    "Owners only, inside the re-authentication window (`POST /api/sessions/current/reauthenticate`), with the " +
    "slug typed again as `confirm`. Its memberships, invitations and posts go with it. Records " +
    "`organization.deleted` for every member. An API key (`organizations:write`) is never recent enough.",
  security: tokenOrBrowser,
  request: { params: slugParams, ...body(deleteOrganizationSchema, { confirm: "acme-team" }) },
  responses: {
    204: noContent,
    ...problemResponses(...JSON_BODY_PROBLEMS, 401),
    403: forbidden("Below owner, or `code: reauthentication_required`."),
    404: notFound,
  },
});

registry.registerPath({
  method: "get",
  path: "/api/organizations/{slug}/members",
  operationId: "listOrganizationMembers",
  tags,
  summary: "An organization's members",
  description: `To its members: owners first, then admins, then members. ${scope("organizations:read")}`,
  security: tokenOrBrowser,
  request: { params: slugParams },
  responses: { 200: jsonResponse("The members.", memberListSchema), ...problemResponses(401, 403), 404: notFound },
});

registry.registerPath({
  method: "patch",
  path: "/api/organizations/{slug}/members/{userId}",
  operationId: "changeOrganizationMemberRole",
  tags,
  summary: "Change a member's role",
  description:
    "Admins and owners; nobody grants a role above their own; an admin changes no owner and no other admin; " +
    `the last owner cannot be demoted. Records \`member.role_changed\`. ${scope("organizations:write")}`,
  security: tokenOrBrowser,
  request: { params: memberParams, ...body(changeRoleSchema, { role: "admin" }) },
  responses: {
    200: jsonResponse("The member with the new role.", memberEnvelopeSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401),
    403: forbidden("Refused by the rules; or a key without the scope."),
    404: { ...problems[404], description: `${HIDDEN} Or the account is not a member.` },
    409: lastOwner,
  },
});

registry.registerPath({
  method: "delete",
  path: "/api/organizations/{slug}/members/{userId}",
  operationId: "removeOrganizationMember",
  tags,
  summary: "Remove a member, or leave",
  description:
    "Removing yourself is leaving (`member.left`); removing another (admins and owners; an admin removes no " +
    `owner and no other admin) records \`member.removed\`. ${scope("organizations:write")}`,
  security: tokenOrBrowser,
  request: { params: memberParams },
  responses: {
    204: noContent,
    ...problemResponses(401),
    403: forbidden("Refused by the rules; or a key without the scope."),
    404: { ...problems[404], description: `${HIDDEN} Or the account is not a member.` },
    409: lastOwner,
  },
});
