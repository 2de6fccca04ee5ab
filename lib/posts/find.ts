import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { posts, users } from "@/db/schema";
import { postColumns, toPostDto, type PostDto } from "./dto";
import { postIdSchema } from "./schemas";

export const POST_NOT_FOUND = "There is no post with this id.";

/** A post as anyone may see it; null for an id no post has (no query for one no post could have). */
export async function getPost(id: string): Promise<PostDto | null> {
  if (!postIdSchema.safeParse(id).success) return null;
  const db = await getDb();
  const [row] = await db
    .select(postColumns)
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.id, id), isNull(users.disabledAt)))
    .limit(1);
  return row ? toPostDto(row) : null;
}

/** The post with its author's id, for the ownership checks of update and delete. */
export async function getPostWithAuthor(id: string): Promise<(PostDto & { authorId: string }) | null> {
  if (!postIdSchema.safeParse(id).success) return null;
  const db = await getDb();
  const [row] = await db
    .select({ ...postColumns, authorId: posts.authorId })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.id, id), isNull(users.disabledAt)))
    .limit(1);
  return row ? { ...toPostDto(row), authorId: row.authorId } : null;
}

/** Whether the actor may edit this post: only its author (an admin may delete, not edit). */
export const isAuthor = (post: { authorId: string }, actorId: string) => post.authorId === actorId;
