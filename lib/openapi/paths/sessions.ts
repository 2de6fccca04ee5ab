import { z } from "zod";
import { signInSchema } from "../../auth/schemas";
import { reauthenticateSchema } from "../../reauth/schemas";
import { issuedSessionSchema, sessionListSchema } from "../../sessions/dto-schemas";
import { mfaChallengeSchema } from "../../two-factor/dto-schemas";
import { needsToken, noToken, registry } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, noContent, problemResponses, problems } from "../responses";

registry.registerPath({
  method: "post",
  path: "/api/sessions",
  operationId: "signIn",
  security: noToken,
  tags: ["Sessions"],
  summary: "Sign in",
  description:
    "`login` is the username (any case) or the email. The token is in the answer once only. With two-factor " +
    "on, the right password answers 202 and a challenge for `POST /api/sessions/mfa` instead (no session yet).",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: signInSchema,
          example: { login: "ada", password: "correct horse battery staple" },
        },
      },
    },
  },
  responses: {
    201: jsonResponse("Signed in.", issuedSessionSchema),
    202: jsonResponse("The password is right; a second factor is owed.", mfaChallengeSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401, 429),
    403: {
      ...problems[403],
      description:
        "`code: account_disabled`: the password is right but an administrator disabled the account " +
        "(a wrong password for it is the ordinary 401).",
    },
  },
});

registry.registerPath({
  method: "get",
  path: "/api/sessions",
  operationId: "listSessions",
  tags: ["Sessions"],
  summary: "The account's sessions",
  security: needsToken,
  responses: { 200: jsonResponse("Browser and API sessions.", sessionListSchema), ...problemResponses(401) },
});

registry.registerPath({
  method: "delete",
  path: "/api/sessions",
  operationId: "signOutOtherSessions",
  tags: ["Sessions"],
  summary: "Sign out everywhere else",
  description:
    "Ends every session of the account but the one making this request (browsers, API tokens, any " +
    "administrator's impersonation) and revokes every API key.",
  security: needsToken,
  responses: { 204: noContent, ...problemResponses(401) },
});

registry.registerPath({
  method: "delete",
  path: "/api/sessions/current",
  operationId: "signOut",
  tags: ["Sessions"],
  summary: "Sign out",
  description: "Ends the session of this token.",
  security: needsToken,
  responses: { 204: noContent, ...problemResponses(401) },
});

registry.registerPath({
  method: "post",
  path: "/api/sessions/current/reauthenticate",
  operationId: "reauthenticate",
  tags: ["Sessions"],
  summary: "Confirm it is you",
  description:
    "The current password, a code from the authenticator app, one of the account's recovery codes " +
    "(`recoveryCode`: spent, recorded as `mfa.recovery_code_used` and mailed to the account's address), or a " +
    "passkey's answer (`passkey`, to the options of `POST /api/sessions/current/reauthenticate/options`) again: " +
    "exactly one of them. For `REAUTH_MINUTES` (default 10) this session may then make the changes that answer " +
    "403 with `code: reauthentication_required` otherwise. Wrong tries of any kind count per account with the " +
    "other current-password checks (`LIMIT_REAUTH_ACCOUNT`).",
  security: needsToken,
  request: {
    body: {
      required: true,
      content: {
        "application/json": { schema: reauthenticateSchema, example: { password: "correct horse battery staple" } },
      },
    },
  },
  responses: { 204: noContent, ...problemResponses(...JSON_BODY_PROBLEMS, 401, 403, 429) },
});

registry.registerPath({
  method: "delete",
  path: "/api/sessions/{id}",
  operationId: "revokeSession",
  tags: ["Sessions"],
  summary: "End one session",
  description: "Another account's session id is not found, like an unknown one.",
  security: needsToken,
  request: { params: z.object({ id: z.string().meta({ description: "The session's `id`." }) }) },
  responses: { 204: noContent, ...problemResponses(401, 404) },
});
