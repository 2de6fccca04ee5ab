import { signedInRoute } from "@/lib/auth/authenticated-route";
import { pathParams, queryObject } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond } from "@/lib/http/route";
import { listOrgPosts, ORGANIZATION_NOT_FOUND } from "@/lib/posts/org-list";
import { orgSlugParamsSchema } from "@/lib/posts/schemas";

type Context = { params: Promise<{ slug: string }> };

/**
 * GET /api/organizations/{slug}/posts?cursor=&limit= — the organization's posts, newest first, keyset-paged
 * like the feed; to its members only (lib/posts/org-list.ts reads the membership), 404 to everyone else.
 * An API key needs `organizations:read`.
 */
export const GET = signedInRoute<Context>(
  async (request, caller, context) => {
    const params = await pathParams(context, orgSlugParamsSchema, ORGANIZATION_NOT_FOUND);
    if (!params.ok) return errorResponse(params.error);
    return respond(await listOrgPosts(params.value.slug, caller.user.id, queryObject(request.url)), (page) =>
      json(page),
    );
  },
  { scope: "organizations:read" },
);
