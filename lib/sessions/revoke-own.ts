import "server-only";
import { recordEvent } from "../security/events";
import type { ClientInfo } from "../client-info";
import type { Caller } from "./resolve";
import { revokeOtherSessions, revokeSession } from "./revoke";

/** Ends one of the caller's other sessions and records it. False when it is not one of theirs. */
export async function revokeOwnSession(caller: Caller, sessionId: string, client: ClientInfo): Promise<boolean> {
  const done = await revokeSession(caller.user.id, sessionId);
  if (done) await recordEvent("session.revoked", { ...client, userId: caller.user.id, detail: { count: 1 } });
  return done;
}

/** "Sign out everywhere else": every session of the caller but the current one. Returns how many. */
export async function revokeOwnOtherSessions(caller: Caller, client: ClientInfo): Promise<number> {
  const count = await revokeOtherSessions(caller.user.id, caller.session.id);
  if (count)
    await recordEvent("session.revoked", { ...client, userId: caller.user.id, detail: { count, others: true } });
  return count;
}
