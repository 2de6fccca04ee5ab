import { authenticatedRoute } from "@/lib/http/authenticated";
import { revokeSession } from "@/lib/sessions/revoke";

export const DELETE = authenticatedRoute(async (_request, caller) => {
  await revokeSession(caller.user.id, caller.session.id);
  return new Response(null, { status: 204 });
});
