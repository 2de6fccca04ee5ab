import { listAdminEvents } from "@/lib/admin/events";
import { adminRoute } from "@/lib/admin/route";
import { adminEventListSchema } from "@/lib/admin/schemas";
import { queryParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond } from "@/lib/http/route";

/** GET /api/admin/events?type=&userId=&cursor=&limit= — every account's events, newest first. */
export const GET = adminRoute(async (request, admin) => {
  const query = queryParams(request, adminEventListSchema);
  if (!query.ok) return errorResponse(query.error);
  return respond(await listAdminEvents(admin, query.value), (page) => json(page));
});
