"use server";

import { signOut } from "@/lib/auth/nextauth";
import { callerAction } from "@/lib/forms/action";
import { signOutSession } from "@/lib/sessions/sign-out";

/** Ends the browser session: the row first (so the token is dead everywhere), then the cookie. */
export const signOutAction = callerAction(async ({ caller, client }): Promise<void> => {
  if (caller) await signOutSession(caller, "browser", client);
  await signOut({ redirectTo: "/" });
});
