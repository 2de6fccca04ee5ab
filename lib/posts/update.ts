import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { posts } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import { validate } from "../validation";
import type { PostActor, PostDto } from "./dto";
import { getPostWithAuthor, isAuthor, POST_NOT_FOUND } from "./find";
import { updatePostSchema } from "./schemas";

export const NOT_YOUR_POST = "Only its author can edit this post.";

// A post the actor cannot read (another organization's, or one they were removed from) is not found.
/**
 * Edits a post: only its author may (anyone else: forbidden; no such post: not found, checked before the
 * input so nobody learns more than that). Absent keys are unchanged; `updated_at` moves when a key is given.
 */
export async function updatePost(actor: PostActor, id: string, input: unknown): Promise<Result<PostDto>> {
  const post = await getPostWithAuthor(id, actor.user.id);
  if (!post) return fail("not_found", POST_NOT_FOUND);
  if (!isAuthor(post, actor.user.id)) return fail("forbidden", NOT_YOUR_POST);
  const parsed = validate(updatePostSchema, input);
  if (!parsed.ok) return parsed;
  const changes = Object.fromEntries(Object.entries(parsed.value).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length === 0) {
    return ok({
      id: post.id,
      title: post.title,
      body: post.body,
      createdAt: post.createdAt,
      updatedAt: post.updatedAt,
      author: post.author,
      organization: post.organization,
    });
  }
  const db = await getDb();
  const [row] = await db
    .update(posts)
    .set({ ...changes, updatedAt: sql`now()` })
    // The author is in the statement too: the row cannot have changed hands between the check and here.
    .where(and(eq(posts.id, id), eq(posts.authorId, actor.user.id)))
    .returning();
  if (!row) return fail("not_found", POST_NOT_FOUND);
  return ok({
    author: post.author,
    organization: post.organization,
    id: row.id,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}
