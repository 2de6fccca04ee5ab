import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { queryParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json } from "@/lib/http/route";
import { eventPage } from "@/lib/security/events";
import { eventListSchema } from "@/lib/security/schemas";

/** GET /api/users/me/events?cursor=&limit= — the caller's audit trail, newest first. */
export const GET = authenticatedRoute(async (request, caller) => {
  const query = queryParams(request, eventListSchema);
  if (!query.ok) return errorResponse(query.error);
  return json(await eventPage(caller.user.id, query.value));
});
