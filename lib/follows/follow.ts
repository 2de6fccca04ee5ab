import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { follows, users } from "@/db/schema";
import type { ClientInfo } from "../client-info";
import { fail, ok, type Result } from "../result";
import { claimLimit } from "../security/limit-events";
import { usernameKey, usernameSegmentSchema } from "../users/schemas";

export const FOLLOW_NOT_FOUND = "There is no account with this username.";
export const CANNOT_FOLLOW_SELF = "You cannot follow yourself.";

/** The enabled account a username names, or null (no such name, a name no account could have, or disabled). */
async function enabledAccountId(username: string): Promise<string | null> {
  const name = usernameSegmentSchema.safeParse(username);
  if (!name.success) return null;
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.usernameKey, usernameKey(name.data)), isNull(users.disabledAt)))
    .limit(1);
  return row?.id ?? null;
}

/** SQLSTATE 23503 (the followed account was deleted between the look-up and the insert), on either driver. */
function foreignKeyViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === "23503") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The follower follows the account named `username`: unknown or disabled → not found; oneself → 400
 * `cannot_follow_self` (the table's check says so too). Idempotent: the insert does nothing when the pair
 * exists (the unique pair index decides, so two parallel follows make one row). Every follow asked for counts
 * against `follow_account` (LIMIT_FOLLOW_ACCOUNT, 100 an hour), so following and unfollowing in a loop is
 * limited too. A follow is public and is its own record (the row); it is not a security event.
 */
export async function followAccount(followerId: string, username: string, client: ClientInfo): Promise<Result<void>> {
  const followeeId = await enabledAccountId(username);
  if (!followeeId) return fail("not_found", FOLLOW_NOT_FOUND);
  if (followeeId === followerId) return fail("validation", CANNOT_FOLLOW_SELF, { reason: "cannot_follow_self" });
  const allowed = await claimLimit("follow_account", [followerId], {
    subject: followerId,
    context: { ...client, userId: followerId },
  });
  if (!allowed.ok) return allowed;
  const db = await getDb();
  try {
    // Only while the account is still enabled: a disable between the look-up and here follows nobody.
    await db.execute(sql`
      insert into ${follows} (follower_id, followee_id)
      select ${followerId}::uuid, ${users.id} from ${users}
      where ${users.id} = ${followeeId}::uuid and ${users.disabledAt} is null
      on conflict do nothing`);
  } catch (error) {
    if (foreignKeyViolation(error)) return fail("not_found", FOLLOW_NOT_FOUND);
    throw error;
  }
  return ok(undefined);
}

/**
 * The follower stops following `username`: done whether or not they followed it (and for a name no account
 * has, or a disabled one), so repeating it is harmless. One statement.
 */
export async function unfollowAccount(followerId: string, username: string): Promise<Result<void>> {
  const name = usernameSegmentSchema.safeParse(username);
  if (!name.success) return ok(undefined);
  const db = await getDb();
  await db.execute(sql`
    delete from ${follows}
    where ${follows.followerId} = ${followerId}::uuid
      and ${follows.followeeId} = (select ${users.id} from ${users} where ${users.usernameKey} = ${usernameKey(name.data)})`);
  return ok(undefined);
}
