import { z } from "zod";
import {
  adminEventPageSchema,
  adminUserDetailSchema,
  adminUserDtoSchema,
  adminUserPageSchema,
} from "../../admin/dto-schemas";
import { impersonationSchema } from "../../admin/impersonation-schemas";
import { adminEventListSchema, adminUserListSchema, adminUserPatchSchema } from "../../admin/schemas";
import { needsToken, registry } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, noContent, problemResponses, problems } from "../responses";

const notAdmin = {
  ...problems[403],
  description:
    "The caller is not an administrator (the role is read from the session's account on every request). " +
    "A write also answers 403 with `code: reauthentication_required` when the caller has not re-authenticated recently.",
};
const lastAdmin = {
  ...problems[409],
  description: "`code: last_admin`: the change would leave no active administrator.",
};
const id = { params: z.object({ id: z.uuid().meta({ description: "The account's `id`." }) }) };
const admin = (statuses: Parameters<typeof problemResponses>) => ({
  ...problemResponses(...statuses),
  403: notAdmin,
});

registry.registerPath({
  method: "get",
  path: "/api/admin/users",
  operationId: "adminListUsers",
  tags: ["Admin"],
  summary: "Find accounts",
  description:
    "`query` matches a fragment of the username, email or display name, in any case: anywhere in it from three " +
    "characters, at its start for one or two. `total` is counted up to 1,000 (`totalCapped` says when more " +
    "match). Keyset-paginated: pass `nextCursor` back as `cursor`.",
  security: needsToken,
  request: { query: adminUserListSchema },
  responses: { 200: jsonResponse("One page of accounts.", adminUserPageSchema), ...admin([400, 401]) },
});

registry.registerPath({
  method: "get",
  path: "/api/admin/users/{id}",
  operationId: "adminGetUser",
  tags: ["Admin"],
  summary: "One account, its sessions and its latest events",
  security: needsToken,
  request: id,
  responses: { 200: jsonResponse("The account.", adminUserDetailSchema), ...admin([401, 404]) },
});

registry.registerPath({
  method: "patch",
  path: "/api/admin/users/{id}",
  operationId: "adminUpdateUser",
  tags: ["Admin"],
  summary: "Change the role, disable or enable",
  description: "`disabled: true` needs `disabledReason`, and ends every session of the account at once.",
  security: needsToken,
  request: {
    ...id,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: adminUserPatchSchema,
          example: { disabled: true, disabledReason: "Spam reported by three people." },
        },
      },
    },
  },
  responses: {
    200: jsonResponse("The account after the change.", adminUserDtoSchema),
    ...admin([...JSON_BODY_PROBLEMS, 401, 404]),
    409: lastAdmin,
  },
});

registry.registerPath({
  method: "delete",
  path: "/api/admin/users/{id}",
  operationId: "adminDeleteUser",
  tags: ["Admin"],
  summary: "Delete an account",
  security: needsToken,
  request: id,
  responses: { 204: noContent, ...admin([401, 404]), 409: lastAdmin },
});

registry.registerPath({
  method: "delete",
  path: "/api/admin/users/{id}/sessions",
  operationId: "adminRevokeSessions",
  tags: ["Admin"],
  summary: "Sign an account out everywhere",
  security: needsToken,
  request: id,
  responses: { 204: noContent, ...admin([401, 404]) },
});

registry.registerPath({
  method: "post",
  path: "/api/admin/users/{id}/password-reset",
  operationId: "adminSendPasswordReset",
  tags: ["Admin"],
  summary: "Mail a password reset link",
  description: "A disabled account is mailed nothing (still 202).",
  security: needsToken,
  request: id,
  responses: { 202: { description: "Accepted; the mail is on its way." }, ...admin([401, 404]) },
});

registry.registerPath({
  method: "post",
  path: "/api/admin/users/{id}/email-verification",
  operationId: "adminSendVerification",
  tags: ["Admin"],
  summary: "Mail a new verification link",
  security: needsToken,
  request: id,
  responses: {
    202: { description: "Accepted; the mail is on its way." },
    ...admin([401, 404]),
    409: { ...problems[409], description: "The address is already verified." },
  },
});

registry.registerPath({
  method: "get",
  path: "/api/admin/events",
  operationId: "adminListEvents",
  tags: ["Admin"],
  summary: "Every account's security events",
  description: "Newest first; filtered by `type` and `userId`; pass `nextCursor` back as `cursor`.",
  security: needsToken,
  request: { query: adminEventListSchema },
  responses: { 200: jsonResponse("One page of events.", adminEventPageSchema), ...admin([400, 401]) },
});

const impersonationStarted = z
  .object({
    impersonation: z.object({ id: z.uuid(), userId: z.uuid(), expiresAt: z.iso.datetime() }),
    token: z.string().meta({ description: "A bearer token of the account's session; shown once." }),
  })
  .meta({ id: "ImpersonationStarted" });

registry.registerPath({
  method: "post",
  path: "/api/admin/users/{id}/impersonation",
  operationId: "adminStartImpersonation",
  tags: ["Admin"],
  summary: "Act as an ordinary account",
  description:
    "A session of the account's recorded with the administrator and the reason, for at most 30 minutes (never past " +
    "the administrator's own session). It ends when stopped, expired, or when the administrator's own session ends " +
    "or they lose the role. While it lasts it may not change the password, email, factors, keys or identities, " +
    "export or delete the account, nor use admin routes (403 `code: impersonating`). Recorded on the account " +
    "(`impersonation.started`) with the reason; everything it does names the administrator as the actor.",
  security: needsToken,
  request: {
    ...id,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: impersonationSchema,
          example: { reason: "Ticket 1234: cannot find the posts page" },
        },
      },
    },
  },
  responses: {
    201: jsonResponse("Started.", impersonationStarted),
    ...admin([...JSON_BODY_PROBLEMS, 401, 404, 409]),
    403: {
      ...problems[403],
      description: `${notAdmin.description} Also when the account is an administrator's.`,
    },
  },
});

registry.registerPath({
  method: "delete",
  path: "/api/admin/impersonation",
  operationId: "adminStopImpersonation",
  tags: ["Admin"],
  summary: "Stop acting as an account",
  description:
    "Called with the impersonation's token (or from the impersonating browser, which gets the administrator's own " +
    "session back). 404 when the caller's session is not an impersonation.",
  security: needsToken,
  responses: { 204: noContent, ...problemResponses(401, 404) },
});
