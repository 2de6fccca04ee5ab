import { startImpersonation } from "@/lib/admin/impersonation";
import { adminUserRoute } from "@/lib/admin/route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, withJsonBody } from "@/lib/http/route";

/** Starts acting as the account: 201 with a bearer token of its session (lib/admin/impersonation.ts). */
export const POST = adminUserRoute((request, admin, id) =>
  withJsonBody(request, async (body) =>
    respond(await startImpersonation(admin, id, body, clientInfo(request.headers), "api"), (started) =>
      json(
        {
          impersonation: { id: started.id, userId: started.userId, expiresAt: started.expiresAt },
          token: started.token,
        },
        201,
      ),
    ),
  ),
);
