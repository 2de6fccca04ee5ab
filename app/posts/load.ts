import "server-only";
import { cache } from "react";
import { getCaller } from "@/lib/auth/caller";
import { getPostWithAuthor } from "@/lib/posts/find";
import { postParamsSchema } from "@/lib/posts/schemas";

/**
 * The post a `/posts/[id]` segment names as the signed-in account may see it, once per request; null (the 404
 * page) for anything else — another organization's post included.
 */
export const loadPost = cache(async (segment: string) => {
  const params = postParamsSchema.safeParse({ id: segment });
  if (!params.success) return null;
  const caller = await getCaller();
  return getPostWithAuthor(params.data.id, caller?.user.id ?? null);
});
