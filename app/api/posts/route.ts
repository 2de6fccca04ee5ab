import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { queryParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond, route, withJsonBody } from "@/lib/http/route";
import { createPost } from "@/lib/posts/create";
import { postPage } from "@/lib/posts/list";
import { postListSchema } from "@/lib/posts/schemas";

/** GET /api/posts?author=&cursor=&limit= — anyone: the latest posts (or one author's), newest first. */
export const GET = route(async (request) => {
  const query = queryParams(request, postListSchema);
  if (!query.ok) return errorResponse(query.error);
  return respond(await postPage(query.value), (page) => json(page));
});

/** POST /api/posts {title, body} — publishes a post for the caller (a confirmed email; 10 an hour; a key: `posts:write`). */
export const POST = authenticatedRoute(
  (request, caller) =>
    withJsonBody(request, async (body) =>
      respond(await createPost(caller, body, clientInfo(request.headers)), (post) =>
        json(post, 201, { Location: `/api/posts/${post.id}` }),
      ),
    ),
  { scope: "posts:write" },
);
