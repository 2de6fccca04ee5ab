import { z } from "zod";
import { emailChangeSchema } from "../../email-change/schemas";
import { eventPageSchema } from "../../security/dto-schemas";
import { eventListSchema } from "../../security/schemas";
import { publicProfileDtoSchema, userDtoSchema } from "../../users/dto-schemas";
import {
  changePasswordSchema,
  confirmPasswordSchema,
  profileUpdateSchema,
  registrationSchema,
} from "../../users/schemas";
import { needsToken, noToken, registry } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, noContent, problemResponses, problems } from "../responses";

const json = (schema: z.ZodType, example: Record<string, unknown>) => ({
  required: true,
  content: { "application/json": { schema, example } },
});

const NO_PASSWORD =
  "An account without a password (`hasPassword: false`) sends no `currentPassword`: a fresh re-authentication " +
  "(`POST /api/sessions/current/reauthenticate`) stands in for it; without one, 403 `code: reauthentication_required`.";

registry.registerPath({
  method: "post",
  path: "/api/users",
  operationId: "signUp",
  security: noToken,
  tags: ["Users"],
  summary: "Sign up",
  description: "Creates an account. The password policy refuses common and guessable passwords.",
  request: {
    body: json(registrationSchema, {
      username: "ada",
      email: "ada@example.com",
      password: "correct horse battery staple",
      displayName: "Ada Lovelace",
    }),
  },
  responses: {
    201: jsonResponse(
      "The new account.",
      userDtoSchema,
      z.object({ Location: z.string().meta({ example: "/api/users/ada" }) }),
    ),
    ...problemResponses(...JSON_BODY_PROBLEMS, 409, 429),
  },
});

registry.registerPath({
  method: "get",
  path: "/api/users/{username}",
  operationId: "getPublicProfile",
  security: noToken,
  tags: ["Users"],
  summary: "A public profile",
  description:
    "Anyone: the profile with its `followers`, `following` and `posts` counts (disabled accounts not counted). " +
    "With a bearer token (an API key needs `profile:read`), also `followedByYou`.",
  request: { params: z.object({ username: z.string().meta({ example: "ada" }) }) },
  responses: {
    200: jsonResponse("The profile: no email, no sessions.", publicProfileDtoSchema),
    ...problemResponses(404),
  },
});

registry.registerPath({
  method: "get",
  path: "/api/users/me",
  operationId: "getAccount",
  tags: ["Account"],
  summary: "The caller's account",
  description: "An API key needs `profile:read` (else 403 `code: insufficient_scope`).",
  security: needsToken,
  responses: {
    200: jsonResponse("The account.", userDtoSchema),
    ...problemResponses(401),
    403: { ...problems[403], description: "An API key without `profile:read` (`code: insufficient_scope`)." },
  },
});

registry.registerPath({
  method: "patch",
  path: "/api/users/me",
  operationId: "editAccount",
  tags: ["Account"],
  summary: "Edit the profile or start an email change",
  description:
    "Every key is optional: absent is unchanged, null or blank clears it (not the username). Changing " +
    "`email` needs `currentPassword`; the account keeps its address until the link mailed to the new one is followed. " +
    NO_PASSWORD +
    " An API key needs `profile:write` and never changes `email` (403 `code: insufficient_scope`).",
  security: needsToken,
  request: {
    body: json(profileUpdateSchema.extend(emailChangeSchema.partial().shape), {
      displayName: "Ada King",
      bio: "Analyst of engines.",
    }),
  },
  responses: {
    200: jsonResponse("The account as it now is.", userDtoSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401, 403, 404, 409, 429),
  },
});

registry.registerPath({
  method: "delete",
  path: "/api/users/me",
  operationId: "deleteAccount",
  tags: ["Account"],
  summary: "Delete the account",
  description: `Deletes the account and everything of it (sessions, links, events). ${NO_PASSWORD.replace("currentPassword", "password")}`,
  security: needsToken,
  request: { body: json(confirmPasswordSchema.partial(), { password: "correct horse battery staple" }) },
  responses: { 204: noContent, ...problemResponses(...JSON_BODY_PROBLEMS, 401, 403, 404, 429) },
});

registry.registerPath({
  method: "put",
  path: "/api/users/me/password",
  operationId: "changePassword",
  tags: ["Account"],
  summary: "Change the password",
  description:
    "Every other session of the account ends; a notice is mailed. For an account without a password this sets " +
    `its first one. ${NO_PASSWORD}`,
  security: needsToken,
  request: {
    body: json(changePasswordSchema.partial({ currentPassword: true }), {
      currentPassword: "correct horse battery staple",
      newPassword: "a new and longer passphrase",
    }),
  },
  responses: { 204: noContent, ...problemResponses(...JSON_BODY_PROBLEMS, 401, 403, 409, 429) },
});

registry.registerPath({
  method: "get",
  path: "/api/users/me/events",
  operationId: "listEvents",
  tags: ["Account"],
  summary: "The account's security events",
  description: "Newest first, a page at a time.",
  security: needsToken,
  request: { query: eventListSchema },
  responses: { 200: jsonResponse("One page of events.", eventPageSchema), ...problemResponses(400, 401) },
});
