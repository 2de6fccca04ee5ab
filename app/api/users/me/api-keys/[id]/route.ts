import { revokeApiKey, API_KEY_NOT_FOUND } from "@/lib/api-keys/revoke";
import { apiKeyParamsSchema } from "@/lib/api-keys/schemas";
import { signedInRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { respond } from "@/lib/http/route";

type Context = { params: Promise<{ id: string }> };

/** DELETE /api/users/me/api-keys/{id} — revokes one of the caller's keys at once; another's is 404. */
export const DELETE = signedInRoute<Context>(async (request, caller, context) => {
  const params = await pathParams(context, apiKeyParamsSchema, API_KEY_NOT_FOUND);
  if (!params.ok) return errorResponse(params.error);
  return respond(
    await revokeApiKey(caller, params.value.id, clientInfo(request.headers)),
    () => new Response(null, { status: 204 }),
  );
});
