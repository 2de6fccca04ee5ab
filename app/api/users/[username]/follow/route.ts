import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { followAccount, FOLLOW_NOT_FOUND, unfollowAccount } from "@/lib/follows/follow";
import { usernameParamsSchema } from "@/lib/users/schemas";

type Context = { params: Promise<{ username: string }> };

/** PUT /api/users/{username}/follow — the caller follows the account: 204 (also when already following). */
export const PUT = authenticatedRoute<Context>(
  async (request, caller, context) => {
    const params = await pathParams(context, usernameParamsSchema, FOLLOW_NOT_FOUND);
    if (!params.ok) return errorResponse(params.error);
    const result = await followAccount(caller.user.id, params.value.username, clientInfo(request.headers));
    return result.ok ? new Response(null, { status: 204 }) : errorResponse(result.error);
  },
  { scope: "profile:write" },
);

/** DELETE /api/users/{username}/follow — the caller stops following it: 204 (also when not following). */
export const DELETE = authenticatedRoute<Context>(
  async (_request, caller, context) => {
    const params = await pathParams(context, usernameParamsSchema, FOLLOW_NOT_FOUND);
    if (!params.ok) return errorResponse(params.error);
    const result = await unfollowAccount(caller.user.id, params.value.username);
    return result.ok ? new Response(null, { status: 204 }) : errorResponse(result.error);
  },
  { scope: "profile:write" },
);
