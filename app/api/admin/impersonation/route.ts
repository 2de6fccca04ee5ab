import { stopImpersonation } from "@/lib/admin/impersonation";
import { leaveImpersonation } from "@/lib/admin/impersonation-cookies";
import { signedInRoute } from "@/lib/auth/authenticated-route";
import { bearerToken } from "@/lib/auth/bearer";
import { clientInfo } from "@/lib/http/client-info";
import { respond } from "@/lib/http/route";

/**
 * Stops the caller's impersonation: 204. Called with the impersonation's bearer token, or from the
 * impersonating browser (its session cookie, same origin only), which then gets the administrator's own
 * session back as its cookie. A caller that is not impersonating gets 404.
 */
export const DELETE = signedInRoute(async (request, caller) => {
  const stopped = await stopImpersonation(caller, clientInfo(request.headers));
  if (stopped.ok && !bearerToken(request.headers)) await leaveImpersonation();
  return respond(stopped, () => new Response(null, { status: 204 }));
});
