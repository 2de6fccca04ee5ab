import { signedInRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { respond } from "@/lib/http/route";
import { disconnectIdentity, IDENTITY_NOT_FOUND } from "@/lib/identities/manage";
import { identityParamsSchema } from "@/lib/identities/schemas";

type Context = { params: Promise<{ id: string }> };

/** DELETE /api/users/me/identities/{id} — the owner's only, after a fresh re-authentication, never the last way in. */
export const DELETE = signedInRoute<Context>(async (request, caller, context) => {
  const params = await pathParams(context, identityParamsSchema, IDENTITY_NOT_FOUND);
  if (!params.ok) return errorResponse(params.error);
  return respond(
    await disconnectIdentity(caller, params.value.id, clientInfo(request.headers)),
    () => new Response(null, { status: 204 }),
  );
});
