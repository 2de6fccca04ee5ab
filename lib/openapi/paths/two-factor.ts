import { issuedSessionSchema } from "../../sessions/dto-schemas";
import { recoveryCodesSchema, totpEnabledSchema, totpEnrolmentSchema } from "../../two-factor/dto-schemas";
import { mfaSignInSchema, totpConfirmSchema } from "../../two-factor/schemas";
import { needsToken, noToken, registry } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, noContent, problemResponses } from "../responses";

const FRESH =
  " Needs a recent re-authentication (`REAUTH_MINUTES`): otherwise 403 with `code: reauthentication_required`.";

registry.registerPath({
  method: "post",
  path: "/api/sessions/mfa",
  operationId: "signInSecondStep",
  security: noToken,
  tags: ["Sessions"],
  summary: "Sign in: the second step",
  description:
    "After `POST /api/sessions` answered 202: the challenge with a code from the authenticator app, or with " +
    "a recovery code (each works once). The challenge is single-use, lives 5 minutes and dies after 5 wrong " +
    "codes; wrong codes also count against the account's sign-in failure limits.",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: mfaSignInSchema, example: { challenge: "…", code: "123456" } } },
    },
  },
  responses: {
    201: jsonResponse("Signed in.", issuedSessionSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401, 429),
  },
});

registry.registerPath({
  method: "post",
  path: "/api/users/me/totp",
  operationId: "startTotp",
  tags: ["Two-factor"],
  summary: "Set up an authenticator app",
  description: "A new secret, pending until `POST /api/users/me/totp/confirm`. It is never shown again after." + FRESH,
  security: needsToken,
  responses: {
    200: jsonResponse("The pending secret.", totpEnrolmentSchema),
    ...problemResponses(401, 403, 409),
  },
});

registry.registerPath({
  method: "delete",
  path: "/api/users/me/totp",
  operationId: "disableTotp",
  tags: ["Two-factor"],
  summary: "Turn two-factor off",
  description: "The secret and the recovery codes are deleted; 404 when two-factor is off." + FRESH,
  security: needsToken,
  responses: { 204: noContent, ...problemResponses(401, 403, 404) },
});

registry.registerPath({
  method: "post",
  path: "/api/users/me/totp/confirm",
  operationId: "confirmTotp",
  tags: ["Two-factor"],
  summary: "Turn two-factor on",
  description:
    "A code from the pending secret: 400 when wrong, 409 when nothing is pending. Wrong codes count per account " +
    "(`LIMIT_TOTP_ENROL_ACCOUNT`, default 5 per 15 minutes; a right one is not counted): past it, 429 with " +
    "`Retry-After`, and no code is checked." +
    FRESH,
  security: needsToken,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: totpConfirmSchema, example: { code: "123456" } } },
    },
  },
  responses: {
    200: jsonResponse(
      "Two-factor is on; the recovery codes, shown this once, and how many other sessions are still signed in.",
      totpEnabledSchema,
    ),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401, 403, 409, 429),
  },
});

registry.registerPath({
  method: "post",
  path: "/api/users/me/recovery-codes",
  operationId: "regenerateRecoveryCodes",
  tags: ["Two-factor"],
  summary: "New recovery codes",
  description:
    "10 new codes; the old ones stop working. Recorded as `mfa.recovery_codes_regenerated` and mailed to the " +
    "account's address. 404 when two-factor is off." +
    FRESH,
  security: needsToken,
  responses: {
    200: jsonResponse("The new codes, shown this once.", recoveryCodesSchema),
    ...problemResponses(401, 403, 404),
  },
});
