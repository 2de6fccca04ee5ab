import { z } from "zod";
import {
  invitationCreatedSchema,
  invitationListSchema,
  joinedOrganizationSchema,
} from "../../organizations/invitation-dto-schemas";
import { invitationTokenSchema, inviteSchema } from "../../organizations/invitation-schemas";
import { needsToken, noToken, registry } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, noContent, problemResponses, problems } from "../responses";

const slugParams = z.object({ slug: z.string().meta({ example: "acme", description: "The organization's slug." }) });
const NOT_MEMBER = "Not a member, or no such organization: the two answer alike.";
const BELOW_ADMIN = "Only the organization's admins and owners manage invitations (or an API key lacks the scope).";
const tokenBody = {
  required: true,
  content: { "application/json": { schema: invitationTokenSchema, example: { token: "the link's token" } } },
};

registry.registerPath({
  method: "post",
  path: "/api/organizations/{slug}/invitations",
  operationId: "inviteMember",
  tags: ["Organizations"],
  summary: "Invite someone by email",
  description:
    "Admins and owners; nobody invites with a role above their own. Mails a single-use link (7 days); a newer " +
    "invitation to the same address replaces the pending one. The answer is the same whether or not the address has " +
    "an account. Limited per inviter (`LIMIT_INVITE_ACCOUNT`) and per organization (`LIMIT_INVITE_ORGANIZATION`). " +
    "Records `member.invited`. An API key needs `organizations:write`.",
  security: needsToken,
  request: {
    params: slugParams,
    body: {
      required: true,
      content: { "application/json": { schema: inviteSchema, example: { email: "ada@example.com", role: "member" } } },
    },
  },
  responses: {
    201: jsonResponse("The pending invitation (never its token).", invitationCreatedSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401, 429),
    403: { ...problems[403], description: `${BELOW_ADMIN} Or the role is above the inviter's own.` },
    404: { ...problems[404], description: NOT_MEMBER },
  },
});

registry.registerPath({
  method: "get",
  path: "/api/organizations/{slug}/invitations",
  operationId: "listInvitations",
  tags: ["Organizations"],
  summary: "Pending invitations",
  description:
    "Unexpired, unused invitations, oldest first: to admins and owners. An API key needs `organizations:read`.",
  security: needsToken,
  request: { params: slugParams },
  responses: {
    200: jsonResponse("The pending invitations.", invitationListSchema),
    ...problemResponses(401),
    403: { ...problems[403], description: BELOW_ADMIN },
    404: { ...problems[404], description: NOT_MEMBER },
  },
});

registry.registerPath({
  method: "delete",
  path: "/api/organizations/{slug}/invitations/{id}",
  operationId: "revokeInvitation",
  tags: ["Organizations"],
  summary: "Revoke an invitation",
  description: "Its link stops working at once. Another organization's invitation is not found, like an unknown one.",
  security: needsToken,
  request: { params: slugParams.extend({ id: z.uuid().meta({ description: "The invitation's `id`." }) }) },
  responses: {
    204: noContent,
    ...problemResponses(401),
    403: { ...problems[403], description: BELOW_ADMIN },
    404: { ...problems[404], description: `${NOT_MEMBER} Or no such pending invitation.` },
  },
});

registry.registerPath({
  method: "post",
  path: "/api/invitations/accept",
  operationId: "acceptInvitation",
  tags: ["Organizations"],
  summary: "Accept an invitation",
  description:
    "The `token` of the emailed link. Only an account whose **confirmed** email is the invited address may accept; " +
    "the link then is spent (of two accepts at once, one joins and the other is 400). An account already in the " +
    "organization keeps its role. Records `member.joined`. A session's token only (API keys are refused).",
  security: needsToken,
  request: { body: tokenBody },
  responses: {
    200: jsonResponse("The organization joined, with the caller's role.", joinedOrganizationSchema),
    ...problemResponses(401, 413, 415),
    400: { ...problems[400], description: "The link is invalid, expired, revoked, replaced or already used." },
    403: {
      ...problems[403],
      description:
        "`code: invitation_email_mismatch`: sent to another address; `code: email_unverified`: confirm the " +
        "address first. Nothing is spent.",
    },
  },
});

registry.registerPath({
  method: "post",
  path: "/api/invitations/decline",
  operationId: "declineInvitation",
  tags: ["Organizations"],
  summary: "Decline an invitation",
  description: "Whoever holds the emailed link may decline it; no account is needed. The link then stops working.",
  security: noToken,
  request: { body: tokenBody },
  responses: {
    204: noContent,
    ...problemResponses(413, 415),
    400: { ...problems[400], description: "The link is invalid, expired, revoked, replaced or already used." },
  },
});
