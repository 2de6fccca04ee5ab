import "server-only";
import { and, count, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import type { Result } from "../result";
import { liveSessionsOf } from "./list";
import type { Caller } from "./resolve";

/**
 * How many live sessions (browsers and API tokens alike) the account has besides the caller's own.
 * Said after a factor is added (two-factor turned on, a passkey added): a session someone else opened
 * with the password alone outlives the new factor, so the person is told and offered to end them
 * ("Sign out everywhere else", `revokeOwnOtherSessions`). Expired and idle sessions are not counted:
 * they could not be used any more.
 */
export async function countOtherSessions(caller: Pick<Caller, "user" | "session">): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(liveSessionsOf(caller.user.id), ne(sessions.id, caller.session.id)));
  return row?.n ?? 0;
}

/** A factor change's result with `otherSessions` added (counted after the change), for its answer. */
export async function withOtherSessions<T extends object>(
  caller: Pick<Caller, "user" | "session">,
  result: Result<T>,
): Promise<Result<T & { otherSessions: number }>> {
  if (!result.ok) return result;
  return { ok: true, value: { ...result.value, otherSessions: await countOtherSessions(caller) } };
}
