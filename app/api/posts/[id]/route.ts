import { requireScope } from "@/lib/api-keys/refuse";
import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { apiCaller } from "@/lib/auth/bearer";
import { clientInfo } from "@/lib/http/client-info";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond, route, withJsonBody } from "@/lib/http/route";
import { deletePost } from "@/lib/posts/delete";
import { getPost, POST_NOT_FOUND } from "@/lib/posts/find";
import { postParamsSchema } from "@/lib/posts/schemas";
import { updatePost } from "@/lib/posts/update";
import { fail } from "@/lib/result";

type Context = { params: Promise<{ id: string }> };

/**
 * GET /api/posts/{id} — anyone, for a public post; an organization's post only to its members (a bearer token;
 * an API key needs `organizations:read`), 404 to everyone else, as if it did not exist.
 */
export const GET = route<Context>(async (request, context) => {
  const params = await pathParams(context, postParamsSchema, POST_NOT_FOUND);
  if (!params.ok) return errorResponse(params.error);
  const caller = await apiCaller(request);
  const viewer = caller && requireScope(caller, "organizations:read").ok ? caller.user.id : null;
  const post = await getPost(params.value.id, viewer);
  return post ? json(post) : errorResponse(fail("not_found", POST_NOT_FOUND).error);
});

/** PATCH /api/posts/{id} {title?, body?} — its author only (lib/posts/update.ts checks). */
export const PATCH = authenticatedRoute<Context>(
  async (request, caller, context) => {
    const params = await pathParams(context, postParamsSchema, POST_NOT_FOUND);
    if (!params.ok) return errorResponse(params.error);
    return withJsonBody(request, async (body) =>
      respond(await updatePost(caller, params.value.id, body), (post) => json(post)),
    );
  },
  { scope: "posts:write" },
);

/**
 * DELETE /api/posts/{id} — its author; an organization's admins and owners; an admin for a public post
 * (lib/posts/delete.ts checks; a key is never an admin's).
 */
export const DELETE = authenticatedRoute<Context>(
  async (request, caller, context) => {
    const params = await pathParams(context, postParamsSchema, POST_NOT_FOUND);
    if (!params.ok) return errorResponse(params.error);
    return respond(
      await deletePost(caller, params.value.id, clientInfo(request.headers)),
      () => new Response(null, { status: 204 }),
    );
  },
  { scope: "posts:write" },
);
