import "server-only";
import { recordEvent } from "../security/events";
import type { ClientInfo } from "../client-info";
import { revokeSession } from "./revoke";

/** Ends the caller's own session (browser sign-out or DELETE /api/sessions/current) and records it. */
export async function signOutSession(
  caller: { user: { id: string }; session: { id: string } },
  kind: "browser" | "api",
  client: ClientInfo,
): Promise<void> {
  if (await revokeSession(caller.user.id, caller.session.id, "signed_out"))
    await recordEvent("signed_out", { ...client, userId: caller.user.id, detail: { kind } });
}
