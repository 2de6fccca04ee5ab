import { accessListSchema } from "../../access/dto-schemas";
import { accountExportSchema } from "../../account/export-dto-schemas";
import { registry, tokenOrBrowser } from "../registry";
import { jsonResponse, problemResponses, problems } from "../responses";

registry.registerPath({
  method: "get",
  path: "/api/users/me/access",
  operationId: "listAccess",
  tags: ["Account"],
  summary: "Everything that can act as the account",
  description:
    "Browser and API sessions (`session`), API keys (`api_key`), connected identities (`identity`) and any " +
    "administrator's impersonation in progress (`impersonation`), newest use first (the caller's own session " +
    "leads), each with how it proves itself. End a session or an impersonation with `DELETE /api/sessions/{id}`, " +
    "all of them but this one and every API key with `DELETE /api/sessions`.",
  security: tokenOrBrowser,
  responses: { 200: jsonResponse("Newest use first.", accessListSchema), ...problemResponses(401) },
});

registry.registerPath({
  method: "get",
  path: "/api/users/me/export",
  operationId: "exportAccount",
  tags: ["Account"],
  summary: "Download the account's data",
  description:
    "One JSON document (an attachment) with the profile, email addresses, sessions, API keys' metadata, " +
    "connected identities, passkeys, two-factor on/off, posts, whom it follows and who follows it, and the " +
    "activity list; never a hash, secret, code or token. Needs a fresh re-authentication; at most `LIMIT_EXPORT_ACCOUNT` (3 a day) per account. Records " +
    "`account.exported` and mails the owner.",
  security: tokenOrBrowser,
  responses: {
    200: jsonResponse("The account's data (`Content-Disposition: attachment`).", accountExportSchema),
    ...problemResponses(401, 429),
    403: { ...problems[403], description: "`code: reauthentication_required`: re-authenticate first." },
  },
});
