import { passwordResetConfirmSchema, passwordResetRequestDocument } from "../../password-reset/schemas";
import { acceptedSchema } from "../../http/dto-schemas";
import { emailConfirmationSchema } from "../../verification/schemas";
import { needsToken, noToken, registry } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, noContent, problemResponses } from "../responses";

const TOKEN_EXAMPLE = "Q2hhbmdlIG1lOiB0aGlzIGlzIGFuIGV4YW1wbGUgdG9rZW4";

registry.registerPath({
  method: "post",
  path: "/api/email-verifications",
  operationId: "resendVerification",
  tags: ["Email"],
  summary: "Send the verification link again",
  description: "To the account's own address, at most one a minute.",
  security: needsToken,
  responses: { 202: jsonResponse("The link is on its way.", acceptedSchema), ...problemResponses(401, 404, 429) },
});

registry.registerPath({
  method: "post",
  path: "/api/email-verifications/confirm",
  operationId: "confirmEmail",
  security: noToken,
  tags: ["Email"],
  summary: "Confirm an address",
  description: "Spends the token of a verification or email-change link.",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: emailConfirmationSchema, example: { token: TOKEN_EXAMPLE } } },
    },
  },
  responses: { 204: noContent, ...problemResponses(...JSON_BODY_PROBLEMS) },
});

registry.registerPath({
  method: "post",
  path: "/api/password-resets",
  operationId: "requestPasswordReset",
  security: noToken,
  tags: ["Email"],
  summary: "Ask for a password-reset link",
  description: "The same answer whether or not the address has an account; the link goes to the stored address.",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: passwordResetRequestDocument, example: { email: "ada@example.com" } } },
    },
  },
  responses: {
    202: jsonResponse("Accepted (whether or not an account exists).", acceptedSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 429),
  },
});

registry.registerPath({
  method: "post",
  path: "/api/password-resets/confirm",
  operationId: "confirmPasswordReset",
  security: noToken,
  tags: ["Email"],
  summary: "Set a new password from a reset link",
  description: "Spends the token, sets the password and ends every session of the account.",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: passwordResetConfirmSchema,
          example: { token: TOKEN_EXAMPLE, newPassword: "a new and longer passphrase" },
        },
      },
    },
  },
  responses: { 204: noContent, ...problemResponses(...JSON_BODY_PROBLEMS) },
});
