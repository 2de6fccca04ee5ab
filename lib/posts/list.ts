import "server-only";
import { and, count, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organizations, posts, users } from "@/db/schema";
import { encodePosition, positionTime } from "../cursor";
import { fail, ok, type Result } from "../result";
import { usernameKey } from "../users/schemas";
import { validate } from "../validation";
import { postColumns, toPostDto, type PostPage } from "./dto";
import { postListSchema, type PostCursor, type PostListQuery } from "./schemas";

export const AUTHOR_NOT_FOUND = "There is no account with this username.";

/** `GET /api/posts`: validates the query, then one page (see `postPage`). */
export async function listPosts(input: unknown): Promise<Result<PostPage>> {
  const parsed = validate(postListSchema, input);
  return parsed.ok ? postPage(parsed.value) : parsed;
}

/**
 * One page of public posts, newest first, keyset-paginated on (created_at, id): the cursor is the position of
 * the previous page's last post (to the microsecond, lib/cursor.ts), so posts written meanwhile never
 * shift or repeat a later page, and one written in the same millisecond is not skipped.
 * With `author`, only that account's posts (unknown or disabled → not found). An organization's posts are
 * never here (lib/posts/org-list.ts pages them, to its members).
 */
export async function postPage(query: {
  author?: string;
  cursor?: PostCursor;
  limit: PostListQuery["limit"];
}): Promise<Result<PostPage>> {
  const db = await getDb();
  const where: SQL[] = [isNull(users.disabledAt), isNull(posts.organizationId)];
  if (query.author !== undefined) {
    const [author] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.usernameKey, usernameKey(query.author)), isNull(users.disabledAt)))
      .limit(1);
    if (!author) return fail("not_found", AUTHOR_NOT_FOUND);
    where.push(eq(posts.authorId, author.id));
  }
  return keysetPage(where, query);
}

/**
 * The page of posts matching `where` (and whose author is not disabled) after `cursor`, newest first; shared
 * with the organization's list.
 */
export async function keysetPage(
  where: SQL[],
  query: { cursor?: PostCursor; limit: number },
): Promise<Result<PostPage>> {
  const db = await getDb();
  const conditions = [isNull(users.disabledAt), ...where];
  if (query.cursor) {
    conditions.push(sql`(${posts.createdAt}, ${posts.id}) < (${query.cursor.at}::timestamptz, ${query.cursor.id})`);
  }
  const rows = await db
    .select({ ...postColumns, at: positionTime(posts.createdAt) })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .leftJoin(organizations, eq(organizations.id, posts.organizationId))
    .where(and(...conditions))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return ok({
    posts: page.map(toPostDto),
    nextCursor: rows.length > query.limit && last ? encodePosition({ at: last.at, id: last.id }) : null,
  });
}

/** How many public posts an account has (an organization's posts are not counted, as on the public profile). */
export async function countPosts(authorId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(posts)
    .where(and(eq(posts.authorId, authorId), isNull(posts.organizationId)));
  return Number(row?.n ?? 0);
}
