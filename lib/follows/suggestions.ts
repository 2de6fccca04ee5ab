import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { FollowUserDto } from "./dto-schemas";

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? []));

type Candidate = FollowUserDto & { id: string; followers: number };

/** The most-followed accounts are counted over the whole table: at most once a minute per process. */
const TTL_MS = 60_000;
const POOL = 30;
let cached: { at: number; candidates: Promise<Candidate[]> } | null = null;

async function mostFollowed(): Promise<Candidate[]> {
  const db = await getDb();
  const rows = rowsOf<{
    id: string;
    username: string;
    display_name: string | null;
    avatar_url: string | null;
    followers: number | string;
  }>(
    await db.execute(sql`
      select u.id, u.username, u.display_name, u.avatar_url, count(*) as followers
      from follows f
      join users u on u.id = f.followee_id and u.disabled_at is null
      join users fr on fr.id = f.follower_id and fr.disabled_at is null
      group by u.id
      order by count(*) desc, u.username
      limit ${POOL}`),
  );
  return rows.map((r) => ({
    id: String(r.id),
    username: r.username,
    displayName: r.display_name,
    avatarUrl: r.avatar_url,
    followers: Number(r.followers),
  }));
}

/** Forget the cached ranking (tests). */
export function forgetSuggestions(): void {
  cached = null;
}

/**
 * People to follow for an empty feed: the most-followed enabled accounts (followers that are enabled too),
 * without the asker and whom the asker already follows. The ranking is an aggregate over the whole table, so
 * it is computed at most once a minute per process and shared; the asker's own follows are read fresh.
 */
export async function suggestAccounts(userId: string, limit = 5): Promise<(FollowUserDto & { followers: number })[]> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    const candidates = mostFollowed();
    cached = { at: Date.now(), candidates };
    candidates.catch(() => (cached = null));
  }
  const candidates = await cached.candidates;
  if (candidates.length === 0) return [];
  const db = await getDb();
  const ids = candidates.map((c) => c.id);
  const followed = new Set(
    rowsOf<{ id: string }>(
      await db.execute(sql`select followee_id as id from follows
        where follower_id = ${userId}::uuid and followee_id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`),
    ).map((r) => String(r.id)),
  );
  return candidates
    .filter((c) => c.id !== userId && !followed.has(c.id))
    .slice(0, limit)
    .map(({ username, displayName, avatarUrl, followers }) => ({ username, displayName, avatarUrl, followers }));
}
