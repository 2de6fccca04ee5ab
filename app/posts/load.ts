import "server-only";
import { cache } from "react";
import { getPostWithAuthor } from "@/lib/posts/find";
import { postParamsSchema } from "@/lib/posts/schemas";

/** The post a `/posts/[id]` segment names, once per request; null (the 404 page) for anything else. */
export const loadPost = cache(async (segment: string) => {
  const params = postParamsSchema.safeParse({ id: segment });
  return params.success ? getPostWithAuthor(params.data.id) : null;
});
