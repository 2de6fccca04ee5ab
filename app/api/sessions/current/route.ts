import { apiCaller } from "@/lib/auth/bearer";
import { route, unauthorized } from "@/lib/http/route";
import { revokeSession } from "@/lib/sessions/revoke";

export const DELETE = route(async (request) => {
  const caller = await apiCaller(request);
  if (!caller) return unauthorized();
  await revokeSession(caller.user.id, caller.session.id);
  return new Response(null, { status: 204 });
});
