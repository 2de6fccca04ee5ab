import "server-only";
import type { z } from "zod";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { users } from "@/db/schema";
import type { publicProfileDtoSchema } from "./dto-schemas";
import { usernameKey, usernameSegmentSchema } from "./schemas";

/** What anyone may see of an account: nothing private (no email, no sessions). */
export type PublicProfileDto = z.infer<typeof publicProfileDtoSchema>;

/**
 * Null for a name no account has, and without a query for one that no account could have. One statement: the
 * counts are the stored ones (`user_counts`, kept by migration 0014's triggers), which leave out disabled
 * followers and followees (a deleted one's rows are gone), so a profile with a million followers reads as fast as
 * one with none. With `viewerId`, also whether that account follows it.
 */
export async function getPublicProfile(username: string, viewerId?: string | null): Promise<PublicProfileDto | null> {
  const name = usernameSegmentSchema.safeParse(username);
  if (!name.success) return null;
  const [row] = await profileQuery(await getDb(), usernameKey(name.data), viewerId);
  if (!row) return null;
  const { followedByYou, ...rest } = row;
  const postCount = Number(row.postCount);
  return {
    ...rest,
    createdAt: row.createdAt.toISOString(),
    postCount,
    posts: postCount,
    followers: Number(row.followers),
    following: Number(row.following),
    ...(viewerId ? { followedByYou: followedByYou === true || String(followedByYou) === "t" } : {}),
  };
}

/** The profile's one statement, by username key (exported for the bench's EXPLAIN, scripts/bench/). */
export function profileQuery(db: Db, key: string, viewerId?: string | null) {
  return db
    .select({
      username: users.username,
      displayName: users.displayName,
      avatarUrl: users.avatarUrl,
      bio: users.bio,
      createdAt: users.createdAt,
      // The stored counts (user_counts, kept by migration 0014's triggers): one row, however many followers.
      // Spelled out: inside a select list drizzle leaves columns unqualified.
      postCount: sql<number>`coalesce((select "c"."posts" from "user_counts" "c" where "c"."user_id" = "users"."id"), 0)`,
      followers: sql<number>`coalesce((select "c"."followers" from "user_counts" "c" where "c"."user_id" = "users"."id"), 0)`,
      following: sql<number>`coalesce((select "c"."following" from "user_counts" "c" where "c"."user_id" = "users"."id"), 0)`,
      followedByYou: viewerId
        ? sql<boolean>`exists (select 1 from "follows" "f" where "f"."follower_id" = ${viewerId}::uuid
            and "f"."followee_id" = "users"."id")`
        : sql<null>`null`,
    })
    .from(users)
    .where(and(eq(users.usernameKey, key), isNull(users.disabledAt)))
    .limit(1);
}
