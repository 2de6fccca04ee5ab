import { requireScope } from "@/lib/api-keys/refuse";
import { apiCaller } from "@/lib/auth/bearer";
import { pathParams, queryObject } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond, route, unauthorized } from "@/lib/http/route";
import { listOrgPosts, ORGANIZATION_NOT_FOUND } from "@/lib/posts/org-list";
import { orgSlugParamsSchema } from "@/lib/posts/schemas";

type Context = { params: Promise<{ slug: string }> };

/**
 * GET /api/organizations/{slug}/posts?cursor=&limit= — the organization's posts, newest first, keyset-paged
 * like the feed; to its members only (lib/posts/org-list.ts reads the membership), 404 to everyone else.
 * A bearer token; an API key needs `organizations:read`.
 */
export const GET = route<Context>(async (request, context) => {
  const caller = await apiCaller(request);
  if (!caller) return unauthorized();
  const allowed = requireScope(caller, "organizations:read");
  if (!allowed.ok) return errorResponse(allowed.error);
  const params = await pathParams(context, orgSlugParamsSchema, ORGANIZATION_NOT_FOUND);
  if (!params.ok) return errorResponse(params.error);
  return respond(await listOrgPosts(params.value.slug, caller.user.id, queryObject(request.url)), (page) => json(page));
});
