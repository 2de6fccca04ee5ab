import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { usernameKey } from "./schemas";

/** What anyone may see of an account: nothing private (no email, no sessions). */
export type PublicProfileDto = {
  username: string;
  displayName: string | null;
  avatarUrl: string | null;
  bio: string | null;
  createdAt: string;
};

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
