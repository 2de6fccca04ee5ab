import { adminRoute } from "@/lib/admin/route";
import { adminUserListSchema } from "@/lib/admin/schemas";
import { listAdminUsers } from "@/lib/admin/users";
import { queryParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond } from "@/lib/http/route";

/** GET /api/admin/users?query=&role=&status=&verified=&order=&cursor=&limit= */
export const GET = adminRoute(async (request, admin) => {
  const query = queryParams(request, adminUserListSchema);
  if (!query.ok) return errorResponse(query.error);
  return respond(await listAdminUsers(admin, query.value), (page) => json(page));
});
