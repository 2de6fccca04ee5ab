import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { signOutSession } from "@/lib/sessions/sign-out";

export const DELETE = authenticatedRoute(async (request, caller) => {
  await signOutSession(caller, "api", clientInfo(request.headers));
  return new Response(null, { status: 204 });
});
