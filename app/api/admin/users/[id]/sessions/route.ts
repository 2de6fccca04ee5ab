import { revokeSessionsAsAdmin } from "@/lib/admin/manage";
import { adminUserRoute } from "@/lib/admin/route";
import { clientInfo } from "@/lib/http/client-info";
import { respond } from "@/lib/http/route";

/** Signs the account out everywhere. */
export const DELETE = adminUserRoute(async (request, admin, id) =>
  respond(
    await revokeSessionsAsAdmin(admin, id, clientInfo(request.headers)),
    () => new Response(null, { status: 204 }),
  ),
);
