import { apiCaller } from "@/lib/auth/bearer";
import { clientInfo } from "@/lib/http/client-info";
import { route, unauthorized } from "@/lib/http/route";
import { signOutSession } from "@/lib/sessions/sign-out";

export const DELETE = route(async (request) => {
  const caller = await apiCaller(request);
  if (!caller) return unauthorized();
  await signOutSession(caller, "api", clientInfo(request.headers));
  return new Response(null, { status: 204 });
});
