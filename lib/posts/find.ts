import "server-only";
import { and, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, organizations, posts, users } from "@/db/schema";
import { postColumns, toPostDto, type PostDto } from "./dto";
import { postIdSchema } from "./schemas";

export const POST_NOT_FOUND = "There is no post with this id.";

/** A role in an organization (db/schema.ts#orgRoleEnum). */
export type PostOrgRole = "owner" | "admin" | "member";

/** A post with what its checks need: the author's id, and the viewer's role in the post's organization. */
export type PostWithAuthor = PostDto & {
  authorId: string;
  organizationId: string | null;
  viewerRole: PostOrgRole | null;
};

/**
 * A post as `viewerId` may see it (null: signed out): a public post, or one of an organization the viewer is a
 * member of — read from `memberships` in this very statement, so a removed member loses it on the next request.
 * Null for anything else, an id no post has and another organization's post alike (never a "forbidden").
 */
export async function getPostWithAuthor(id: string, viewerId: string | null): Promise<PostWithAuthor | null> {
  if (!postIdSchema.safeParse(id).success) return null;
  const db = await getDb();
  const [row] = await db
    .select({ ...postColumns, authorId: posts.authorId, organizationId: posts.organizationId, role: memberships.role })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .leftJoin(organizations, eq(organizations.id, posts.organizationId))
    .leftJoin(
      memberships,
      and(
        eq(memberships.organizationId, posts.organizationId),
        viewerId ? eq(memberships.userId, viewerId) : sql`false`,
      ),
    )
    .where(
      and(eq(posts.id, id), isNull(users.disabledAt), or(isNull(posts.organizationId), isNotNull(memberships.userId))),
    )
    .limit(1);
  if (!row) return null;
  return { ...toPostDto(row), authorId: row.authorId, organizationId: row.organizationId, viewerRole: row.role };
}

/** A post as `viewerId` may see it (see getPostWithAuthor); null for anything else. */
export async function getPost(id: string, viewerId: string | null = null): Promise<PostDto | null> {
  const post = await getPostWithAuthor(id, viewerId);
  if (!post) return null;
  return {
    id: post.id,
    title: post.title,
    body: post.body,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    author: post.author,
    organization: post.organization,
  };
}

/** Whether the actor may edit this post: only its author (an admin may delete, not edit). */
export const isAuthor = (post: { authorId: string }, actorId: string) => post.authorId === actorId;
