import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { encodePosition } from "../cursor";
import { ok, type Result } from "../result";
import { validate } from "../validation";
import type { PostPage } from "./dto";
import { orgPostListSchema, type PostCursor } from "./schemas";

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? []));

/** `GET /api/feed`: the same paging query as an organization's posts (cursor, limit 1–100, 20). */
export const feedListSchema = orgPostListSchema;

/** `GET /api/feed`: validates the query, then one page (see `feedPage`). */
export async function listFeed(userId: string, input: unknown): Promise<Result<PostPage>> {
  const parsed = validate(feedListSchema, input);
  return parsed.ok ? feedPage(userId, parsed.value) : parsed;
}

type Row = {
  id: string;
  title: string;
  body: string;
  at: string;
  updated: string;
  username: string;
  display_name: string | null;
  avatar_url: string | null;
  org_slug: string | null;
  org_name: string | null;
};

const position = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

/**
 * One page of the account's feed: the posts of the accounts it follows, newest first, keyset-paged on
 * (created_at to the microsecond, id) like every post list, so a post is never skipped or repeated, even
 * among posts written in the same millisecond. One statement: for each followed (enabled) account, its newest
 * posts after the cursor (at most a page, read in the order of `posts_author_created_at_id_idx`, whose NULLS LAST
 * the ORDER BY spells out so the planner can use it), then the newest page of
 * those; the cost grows with the number of accounts followed, never with the size of the tables.
 * An organization's post is there only while the reader is a member of it (checked in the statement, so a
 * removed member stops seeing it on the next request). Disabled authors are left out; a deleted one's
 * follows and posts are gone.
 */
export async function feedPage(
  userId: string,
  query: { cursor?: PostCursor; limit: number },
): Promise<Result<PostPage>> {
  const db = await getDb();
  const rows = rowsOf<Row>(await db.execute(feedStatement(userId, query)));
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return ok({
    posts: page.map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      createdAt: new Date(r.at).toISOString(),
      updatedAt: new Date(r.updated).toISOString(),
      author: { username: r.username, displayName: r.display_name, avatarUrl: r.avatar_url },
      organization: r.org_slug !== null && r.org_name !== null ? { slug: r.org_slug, name: r.org_name } : null,
    })),
    nextCursor: rows.length > query.limit && last ? encodePosition({ at: last.at, id: last.id }) : null,
  });
}

/** The feed's one statement (exported for the bench's EXPLAIN, scripts/bench/follows-explain.ts). */
export function feedStatement(userId: string, query: { cursor?: PostCursor; limit: number }): SQL {
  const after = query.cursor
    ? sql`and (p.created_at, p.id) < (${query.cursor.at}::timestamptz, ${query.cursor.id})`
    : sql``;
  return sql`
    select p.id, p.title, p.body, ${position("p.created_at")} as at, ${position("p.updated_at")} as updated,
      u.username, u.display_name, u.avatar_url, o.slug as org_slug, o.name as org_name
    from follows f
    cross join lateral (
      -- By primary key, once per account followed ("limit 1" keeps it a lookup: joined plainly, a small users
      -- table was hashed whole).
      select u.username, u.display_name, u.avatar_url from users u
      where u.id = f.followee_id and u.disabled_at is null
      limit 1
    ) u
    cross join lateral (
      select p.id, p.title, p.body, p.created_at, p.updated_at, p.organization_id
      from posts p
      where p.author_id = f.followee_id
        and (p.organization_id is null or exists (
          select 1 from memberships m where m.organization_id = p.organization_id and m.user_id = ${userId}::uuid))
        ${after}
      order by p.created_at desc nulls last, p.id desc nulls last
      limit ${query.limit + 1}
    ) p
    left join organizations o on o.id = p.organization_id
    where f.follower_id = ${userId}::uuid
    order by p.created_at desc, p.id desc
    limit ${query.limit + 1}`;
}
