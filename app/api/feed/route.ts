import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { queryParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond } from "@/lib/http/route";
import { feedListSchema, feedPage } from "@/lib/posts/feed";

/** GET /api/feed?cursor=&limit= — the caller's feed: posts of the accounts it follows, newest first. */
export const GET = authenticatedRoute(
  async (request, caller) => {
    const query = queryParams(request, feedListSchema);
    if (!query.ok) return errorResponse(query.error);
    return respond(await feedPage(caller.user.id, query.value), (page) => json(page));
  },
  { scope: "posts:read" },
);
