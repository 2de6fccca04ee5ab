"use server";

import { getCaller } from "@/lib/auth/caller";
import { signOut } from "@/lib/auth/nextauth";
import { revokeSession } from "@/lib/sessions/revoke";

/** Ends the browser session: the row first (so the token is dead everywhere), then the cookie. */
export async function signOutAction(): Promise<void> {
  const caller = await getCaller();
  if (caller) await revokeSession(caller.user.id, caller.session.id);
  await signOut({ redirectTo: "/" });
}
