import "server-only";
import type { z } from "zod";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { publicProfileDtoSchema } from "./dto-schemas";
import { usernameKey } from "./schemas";

/** What anyone may see of an account: nothing private (no email, no sessions). */
export type PublicProfileDto = z.infer<typeof publicProfileDtoSchema>;

export async function getPublicProfile(username: string): Promise<PublicProfileDto | null> {
  // No username holds a control character; NUL would otherwise reach PostgreSQL (a 500).
  if (username.length > 200 || /[\u0000-\u001f\u007f-\u009f]/u.test(username)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      username: users.username,
      displayName: users.displayName,
      avatarUrl: users.avatarUrl,
      bio: users.bio,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.usernameKey, usernameKey(username.trim())), isNull(users.disabledAt)))
    .limit(1);
  return row ? { ...row, createdAt: row.createdAt.toISOString() } : null;
}
