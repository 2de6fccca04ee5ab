import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { fail } from "@/lib/result";
import { revokeOwnSession } from "@/lib/sessions/revoke-own";
import { sessionParamsSchema } from "@/lib/sessions/schemas";

type Context = { params: Promise<{ id: string }> };

const NOT_FOUND = "You have no session with this id.";

export const DELETE = authenticatedRoute<Context>(async (request, caller, context) => {
  const params = await pathParams(context, sessionParamsSchema, NOT_FOUND);
  if (!params.ok) return errorResponse(params.error);
  if (await revokeOwnSession(caller, params.value.id, clientInfo(request.headers)))
    return new Response(null, { status: 204 });
  return errorResponse(fail("not_found", NOT_FOUND).error);
});
