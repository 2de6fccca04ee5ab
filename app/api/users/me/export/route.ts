import { exportAccount } from "@/lib/account/export";
import { signedInRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond } from "@/lib/http/route";

/**
 * GET /api/users/me/export — the account's data as one JSON attachment (a bearer token, or the page's own
 * same-origin call with its session cookie). Needs a recent re-authentication; a few a day; mailed to the owner.
 */
export const GET = signedInRoute(async (request, caller) =>
  respond(await exportAccount(caller, clientInfo(request.headers)), ({ filename, document }) =>
    json(document, 200, { "Content-Disposition": `attachment; filename="${filename}"` }),
  ),
);
