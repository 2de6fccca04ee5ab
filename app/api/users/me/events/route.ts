import { apiCaller } from "@/lib/auth/bearer";
import { json, respond, route, unauthorized } from "@/lib/http/route";
import { listEvents } from "@/lib/security/events";

/** GET /api/users/me/events?cursor=&limit= — the caller's audit trail, newest first. */
export const GET = route(async (request) => {
  const caller = await apiCaller(request);
  if (!caller) return unauthorized();
  const query = new URL(request.url).searchParams;
  const input = {
    ...(query.has("cursor") ? { cursor: query.get("cursor") } : {}),
    ...(query.has("limit") ? { limit: query.get("limit") } : {}),
  };
  return respond(await listEvents(caller.user.id, input), (page) => json(page));
});
