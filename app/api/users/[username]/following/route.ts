import { pathParams, queryParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond, route } from "@/lib/http/route";
import { FOLLOW_NOT_FOUND } from "@/lib/follows/follow";
import { followPage } from "@/lib/follows/lists";
import { followListSchema } from "@/lib/follows/schemas";
import { usernameParamsSchema } from "@/lib/users/schemas";

type Context = { params: Promise<{ username: string }> };

/** GET /api/users/{username}/following?cursor=&limit= — anyone (following is public): one page, newest follow first. */
export const GET = route<Context>(async (request, context) => {
  const params = await pathParams(context, usernameParamsSchema, FOLLOW_NOT_FOUND);
  if (!params.ok) return errorResponse(params.error);
  const query = queryParams(request, followListSchema);
  if (!query.ok) return errorResponse(query.error);
  return respond(await followPage(params.value.username, "following", query.value), (page) => json(page));
});
