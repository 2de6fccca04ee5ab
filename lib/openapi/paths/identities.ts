import { z } from "zod";
import { identityListSchema } from "../../identities/dto-schemas";
import { registry, tokenOrBrowser } from "../registry";
import { jsonResponse, noContent, problemResponses, problems } from "../responses";

registry.registerPath({
  method: "get",
  path: "/api/users/me/identities",
  operationId: "listIdentities",
  tags: ["Account"],
  summary: "The account's connected identities",
  description:
    "Accounts at identity providers (OpenID Connect, GitHub, Google) that sign in to this one, oldest first: " +
    "the provider, the address it gave when connected, when connected and last used.",
  security: tokenOrBrowser,
  responses: { 200: jsonResponse("Oldest first.", identityListSchema), ...problemResponses(401) },
});

registry.registerPath({
  method: "delete",
  path: "/api/users/me/identities/{id}",
  operationId: "disconnectIdentity",
  tags: ["Account"],
  summary: "Disconnect an identity",
  description:
    "Needs a fresh re-authentication (`POST /api/sessions/current/reauthenticate`). Another account's identity " +
    "is not found, like an unknown one; nothing changes. Refused while it is the account's last way in (no " +
    "password, no passkey, no other identity). Records `identity.disconnected`.",
  security: tokenOrBrowser,
  request: { params: z.object({ id: z.uuid().meta({ description: "The identity's `id`." }) }) },
  responses: {
    204: noContent,
    ...problemResponses(401, 404),
    403: { ...problems[403], description: "`code: reauthentication_required`: re-authenticate first." },
    409: { ...problems[409], description: "`code: last_way_in`: it is the account's last way to sign in." },
  },
});
