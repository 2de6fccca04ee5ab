import { deleteUserAsAdmin, updateUserAsAdmin } from "@/lib/admin/manage";
import { adminUserRoute } from "@/lib/admin/route";
import { getAdminUserDetail } from "@/lib/admin/users";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, withJsonBody } from "@/lib/http/route";

export const GET = adminUserRoute(async (_request, admin, id) =>
  respond(await getAdminUserDetail(admin, id), (detail) => json(detail)),
);

export const PATCH = adminUserRoute((request, admin, id) =>
  withJsonBody(request, async (body) =>
    respond(await updateUserAsAdmin(admin, id, body, clientInfo(request.headers)), (user) => json(user)),
  ),
);

export const DELETE = adminUserRoute(async (request, admin, id) =>
  respond(await deleteUserAsAdmin(admin, id, clientInfo(request.headers)), () => new Response(null, { status: 204 })),
);
