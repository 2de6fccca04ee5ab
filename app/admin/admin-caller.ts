import "server-only";
import { notFound } from "next/navigation";
import { isAdmin } from "@/lib/admin/access";
import { getCaller } from "@/lib/auth/caller";
import type { Caller } from "@/lib/sessions/resolve";

/** The console's caller: an administrator (role read from the session's row), or the ordinary 404 page. */
export async function adminPageCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!isAdmin(caller)) notFound();
  return caller;
}
