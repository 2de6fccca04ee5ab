import { clientInfo } from "@/lib/http/client-info";
import { errorResponse } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { signInOptions } from "@/lib/auth/passkey-sign-in";
import { signInOptionsAnswer } from "@/lib/auth/passkey-cookie";

/**
 * POST /api/sessions/passkey/options — request options for a passkey sign-in (no account named), bound to
 * the asker: this site's page gets the binding in an HttpOnly cookie, a program as the `binding` field.
 */
export const POST = route(async (request) => {
  const issued = await signInOptions(clientInfo(request.headers));
  return issued.ok ? signInOptionsAnswer(request, issued.value) : errorResponse(issued.error);
});
