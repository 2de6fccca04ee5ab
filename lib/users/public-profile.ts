import "server-only";
import type { z } from "zod";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { publicProfileDtoSchema } from "./dto-schemas";
import { usernameKey, usernameSegmentSchema } from "./schemas";

/** What anyone may see of an account: nothing private (no email, no sessions). */
export type PublicProfileDto = z.infer<typeof publicProfileDtoSchema>;

/** Null for a name no account has, and without a query for one that no account could have. */
export async function getPublicProfile(username: string): Promise<PublicProfileDto | null> {
  const name = usernameSegmentSchema.safeParse(username);
  if (!name.success) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      username: users.username,
      displayName: users.displayName,
      avatarUrl: users.avatarUrl,
      bio: users.bio,
      createdAt: users.createdAt,
      // Spelled out: inside a select list drizzle leaves columns unqualified, and "id" would be the post's.
      postCount: sql<number>`(select count(*) from "posts" where "posts"."author_id" = "users"."id"
        and "posts"."organization_id" is null)::int`,
    })
    .from(users)
    .where(and(eq(users.usernameKey, usernameKey(name.data)), isNull(users.disabledAt)))
    .limit(1);
  return row ? { ...row, createdAt: row.createdAt.toISOString(), postCount: Number(row.postCount) } : null;
}
