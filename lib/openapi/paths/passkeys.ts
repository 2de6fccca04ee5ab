import { z } from "zod";
import {
  creationOptionsSchema,
  passkeyDtoSchema,
  passkeyListSchema,
  requestOptionsSchema,
  signInOptionsSchema,
} from "../../passkeys/dto-schemas";
import { finishRegistrationSchema, passkeySignInSchema, renamePasskeySchema } from "../../passkeys/schemas";
import { issuedSessionSchema, otherSessionsShape } from "../../sessions/dto-schemas";
import { noToken, registry, tokenOrBrowser } from "../registry";
import { JSON_BODY_PROBLEMS, jsonResponse, noContent, problemResponses, problems } from "../responses";

/** Shortened shapes of what startRegistration()/startAuthentication() give; real ones are longer. */
const registrationExample = {
  response: {
    id: "h37oR8ZoWy2wzKTm-Cjhr5lXuKkO0d0ptdGjcNzQ9v8",
    rawId: "h37oR8ZoWy2wzKTm-Cjhr5lXuKkO0d0ptdGjcNzQ9v8",
    type: "public-key",
    response: {
      clientDataJSON: "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwi",
      attestationObject: "o2NmbXRkbm9uZWdh",
      transports: ["internal"],
    },
    authenticatorAttachment: "platform",
    clientExtensionResults: { credProps: { rk: true } },
  },
  name: "Work laptop",
};
const authenticationExample = {
  response: {
    id: "h37oR8ZoWy2wzKTm-Cjhr5lXuKkO0d0ptdGjcNzQ9v8",
    rawId: "h37oR8ZoWy2wzKTm-Cjhr5lXuKkO0d0ptdGjcNzQ9v8",
    type: "public-key",
    response: {
      clientDataJSON: "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0Iiwi",
      authenticatorData: "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLH",
      signature: "MEUCIQDx",
      userHandle: "2SVRMuIBQxCRN2S3itBBRg",
    },
    authenticatorAttachment: "platform",
    clientExtensionResults: {},
  },
  binding: "q8Jx3cQm0Hk1v2Tt4Yw5Zr6Ap7Bs8Cd9Ef0Gh1Ij2Kl",
};

/**
 * The answer to adding a passkey: the passkey and `otherSessions`, added by the route handler
 * (lib/sessions/others.ts), so the passkey's own DTO stays what lib/passkeys gives.
 */
const addedPasskeySchema = passkeyDtoSchema
  .extend(otherSessionsShape)
  .strict()
  .meta({ id: "AddedPasskey", description: "A passkey just added to the account." });

const idParam = z.object({ id: z.string().meta({ description: "The passkey's `id`." }) });
const FRESH =
  "Needs a fresh re-authentication (`POST /api/sessions/current/reauthenticate`): without one, 403 with " +
  "`code: reauthentication_required`.";
const reauthRequired = {
  403: { ...problems[403], description: "`code: reauthentication_required`: re-authenticate first." },
};

registry.registerPath({
  method: "post",
  path: "/api/passkeys/registration/options",
  operationId: "passkeyRegistrationOptions",
  tags: ["Passkeys"],
  summary: "Options to add a passkey",
  description:
    `${FRESH} Discoverable credentials and user verification are required; the account's passkeys are ` +
    "excluded. The challenge is bound to this session and lives 5 minutes. At most 25 passkeys (409).",
  security: tokenOrBrowser,
  responses: {
    200: jsonResponse("PublicKeyCredentialCreationOptionsJSON.", creationOptionsSchema),
    ...problemResponses(401, 409),
    ...reauthRequired,
  },
});

registry.registerPath({
  method: "post",
  path: "/api/passkeys/registration",
  operationId: "addPasskey",
  tags: ["Passkeys"],
  summary: "Add a passkey",
  description:
    "The browser's answer to the creation options, verified against this site's origin and RP ID (`APP_URL`). " +
    "`name` defaults to the browser it was added in. A failed verification, or a spent or expired challenge, is 400. " +
    "The re-authentication window is checked again here: closed since the options were issued, 403 " +
    "`code: reauthentication_required`, as for the options.",
  security: tokenOrBrowser,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: finishRegistrationSchema, example: registrationExample } },
    },
  },
  responses: {
    201: jsonResponse("The passkey, and how many other sessions are still signed in.", addedPasskeySchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401, 409),
    ...reauthRequired,
  },
});

registry.registerPath({
  method: "get",
  path: "/api/passkeys",
  operationId: "listPasskeys",
  tags: ["Passkeys"],
  summary: "The account's passkeys",
  security: tokenOrBrowser,
  responses: { 200: jsonResponse("Oldest first.", passkeyListSchema), ...problemResponses(401) },
});

registry.registerPath({
  method: "patch",
  path: "/api/passkeys/{id}",
  operationId: "renamePasskey",
  tags: ["Passkeys"],
  summary: "Rename a passkey",
  description: "Another account's passkey is not found, like an unknown one.",
  security: tokenOrBrowser,
  request: {
    params: idParam,
    body: {
      required: true,
      content: { "application/json": { schema: renamePasskeySchema, example: { name: "Work laptop" } } },
    },
  },
  responses: { 200: jsonResponse("Renamed.", passkeyDtoSchema), ...problemResponses(...JSON_BODY_PROBLEMS, 401, 404) },
});

registry.registerPath({
  method: "delete",
  path: "/api/passkeys/{id}",
  operationId: "removePasskey",
  tags: ["Passkeys"],
  summary: "Remove a passkey",
  description:
    `${FRESH} Another account's passkey is not found, like an unknown one; nothing is deleted. Refused while it ` +
    "is the last way in of an account without a password or a connected identity.",
  security: tokenOrBrowser,
  request: { params: idParam },
  responses: {
    204: noContent,
    ...problemResponses(401, 404),
    ...reauthRequired,
    409: { ...problems[409], description: "`code: last_way_in`: it is the account's last way to sign in." },
  },
});

registry.registerPath({
  method: "post",
  path: "/api/sessions/passkey/options",
  operationId: "passkeySignInOptions",
  tags: ["Passkeys"],
  summary: "Options to sign in with a passkey",
  description:
    "No account is named: the authenticator offers the passkeys it holds for this site. The challenge lives 5 " +
    "minutes, works once, and only with the `binding` answered beside it. Counted per address " +
    "(`LIMIT_PASSKEY_OPTIONS_IP`); one address may hold `PASSKEY_CHALLENGES_PER_CLIENT` unspent challenges (429 " +
    "past it), and all clients together `PASSKEY_CHALLENGES_TOTAL` (503 past it); `Retry-After` says when a " +
    "place frees up.",
  security: noToken,
  responses: {
    200: jsonResponse("PublicKeyCredentialRequestOptionsJSON and the challenge's `binding`.", signInOptionsSchema),
    ...problemResponses(429),
    503: {
      ...problems[503],
      description: "The database is not answering, or too many passkey sign-ins are under way (`Retry-After`).",
    },
  },
});

registry.registerPath({
  method: "post",
  path: "/api/sessions/passkey",
  operationId: "signInWithPasskey",
  tags: ["Passkeys"],
  summary: "Sign in with a passkey",
  description:
    "The answer to the sign-in options: 201 and a token, like `POST /api/sessions`. A passkey is two factors by " +
    "itself, so two-factor's code step does not apply. Counted with the password sign-ins' limits. `binding` is " +
    "the one the options answered with (400 without it). An unknown or removed passkey, a bad signature, a spent " +
    "challenge or one bound to another `binding`, another origin, or a signature counter gone back is 401.",
  security: noToken,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: passkeySignInSchema, example: authenticationExample } },
    },
  },
  responses: {
    201: jsonResponse("Signed in.", issuedSessionSchema),
    ...problemResponses(...JSON_BODY_PROBLEMS, 401, 429),
    403: {
      ...problems[403],
      description: "`code: account_disabled`: the passkey is good but the account is disabled.",
    },
  },
});

registry.registerPath({
  method: "post",
  path: "/api/sessions/current/reauthenticate/options",
  operationId: "passkeyReauthOptions",
  tags: ["Passkeys"],
  summary: "Options to confirm it is you with a passkey",
  description:
    "Names the account's passkeys; the challenge is bound to this session. Send the answer as `passkey` to " +
    "`POST /api/sessions/current/reauthenticate`. 404 when the account has no passkey.",
  security: tokenOrBrowser,
  responses: {
    200: jsonResponse("PublicKeyCredentialRequestOptionsJSON.", requestOptionsSchema),
    ...problemResponses(401, 404),
  },
});
