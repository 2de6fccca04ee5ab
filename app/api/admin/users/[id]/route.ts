import { deleteUserAsAdmin, NO_SUCH_ACCOUNT, updateUserAsAdmin } from "@/lib/admin/manage";
import { adminUserRoute } from "@/lib/admin/route";
import { getAdminUserDetail } from "@/lib/admin/users";
import { clientInfo } from "@/lib/http/client-info";
import { errorResponse } from "@/lib/http/problem";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { fail } from "@/lib/result";

export const GET = adminUserRoute(async (_request, _admin, id) => {
  const detail = await getAdminUserDetail(id);
  return detail ? json(detail) : errorResponse(fail("not_found", NO_SUCH_ACCOUNT).error);
});

export const PATCH = adminUserRoute((request, admin, id) =>
  withJsonBody(request, async (body) =>
    respond(await updateUserAsAdmin(admin, id, body, clientInfo(request.headers)), (user) => json(user)),
  ),
);

export const DELETE = adminUserRoute(async (request, admin, id) =>
  respond(await deleteUserAsAdmin(admin, id, clientInfo(request.headers)), () => new Response(null, { status: 204 })),
);
