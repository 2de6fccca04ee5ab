import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { encodePosition } from "../cursor";
import { fail, ok, type Result } from "../result";
import { usernameKey, usernameSegmentSchema } from "../users/schemas";
import { validate } from "../validation";
import type { FollowUserPage } from "./dto-schemas";
import { FOLLOW_NOT_FOUND } from "./follow";
import { followListSchema, type FollowCursor } from "./schemas";

export type FollowDirection = "followers" | "following";

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? []));

type Row = { username: string; display_name: string | null; avatar_url: string | null; at: string; other: string };

/** `GET /api/users/{username}/followers|following`: validates the query, then one page (see `followPage`). */
export async function listFollows(
  username: string,
  direction: FollowDirection,
  input: unknown,
): Promise<Result<FollowUserPage>> {
  const parsed = validate(followListSchema, input);
  return parsed.ok ? followPage(username, direction, parsed.value) : parsed;
}

/**
 * One page of an account's followers (or of whom it follows), the most recent follow first, keyset-paged on
 * (created_at to the microsecond, the other account's id) in the order of the follows index
 * (`follows_followee_created_idx` / `follows_follower_created_idx`: created_at desc nulls last, id asc — spelled
 * out in the ORDER BY, or the planner cannot use the index's order), so a page is the first rows of one range of
 * one index, however many follows the account or the table has. Disabled accounts are left out (a deleted one's rows are gone).
 * The account itself is resolved inside the same statement; only an empty page asks whether it exists at all.
 * Unknown or disabled: not found.
 */
export async function followPage(
  username: string,
  direction: FollowDirection,
  query: { cursor?: FollowCursor; limit: number },
): Promise<Result<FollowUserPage>> {
  const name = usernameSegmentSchema.safeParse(username);
  if (!name.success) return fail("not_found", FOLLOW_NOT_FOUND);
  const key = usernameKey(name.data);
  const db = await getDb();
  const rows = rowsOf<Row>(await db.execute(followListStatement(key, direction, query)));
  if (rows.length === 0 && !(await accountExists(key))) return fail("not_found", FOLLOW_NOT_FOUND);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return ok({
    users: page.map((r) => ({ username: r.username, displayName: r.display_name, avatarUrl: r.avatar_url })),
    nextCursor: rows.length > query.limit && last ? encodePosition({ at: last.at, id: String(last.other) }) : null,
  });
}

/** A list's one statement, for the account whose username key is `key` (exported for the bench's EXPLAIN). */
export function followListStatement(
  key: string,
  direction: FollowDirection,
  query: { cursor?: FollowCursor; limit: number },
): SQL {
  // followers: rows whose followee is the account, listing the follower; following: the other way round.
  const [self, other] =
    direction === "followers" ? [sql`f.followee_id`, sql`f.follower_id`] : [sql`f.follower_id`, sql`f.followee_id`];
  const after = query.cursor
    ? sql`and f.created_at <= ${query.cursor.at}::timestamptz
        and (f.created_at < ${query.cursor.at}::timestamptz or ${other} > ${query.cursor.id}::uuid)`
    : sql``;
  return sql`
    select u.username, u.display_name, u.avatar_url, ${other} as other,
      to_char(f.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
    from follows f
    join users u on u.id = ${other} and u.disabled_at is null
    where ${self} = (select id from users where username_key = ${key} and disabled_at is null)
      ${after}
    order by f.created_at desc nulls last, ${other} asc
    limit ${query.limit + 1}`;
}

async function accountExists(key: string): Promise<boolean> {
  const db = await getDb();
  const rows = rowsOf(await db.execute(sql`select 1 from users where username_key = ${key} and disabled_at is null`));
  return rows.length > 0;
}
