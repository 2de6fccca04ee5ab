"use server";

import { headers } from "next/headers";
import { getCaller } from "@/lib/auth/caller";
import { signOut } from "@/lib/auth/nextauth";
import { clientInfo } from "@/lib/http/client-info";
import { signOutSession } from "@/lib/sessions/sign-out";

/** Ends the browser session: the row first (so the token is dead everywhere), then the cookie. */
export async function signOutAction(): Promise<void> {
  const caller = await getCaller();
  if (caller) await signOutSession(caller, "browser", clientInfo(await headers()));
  await signOut({ redirectTo: "/" });
}
