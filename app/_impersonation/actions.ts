"use server";

import { redirect } from "next/navigation";
import { stopImpersonation } from "@/lib/admin/impersonation";
import { leaveImpersonation } from "@/lib/admin/impersonation-cookies";
import { callerAction } from "@/lib/forms/action";

/**
 * The banner's "stop": the impersonation session ends (recorded) and the browser gets the administrator's own
 * session back, on the account's page of the console. Also when the impersonation had already ended (expired):
 * then only the way back is left to take.
 */
export const stopImpersonationAction = callerAction(async ({ caller, client }): Promise<void> => {
  const stopped = await stopImpersonation(caller, client);
  await leaveImpersonation();
  redirect(stopped.ok ? `/admin/users/${stopped.value.userId}` : "/admin");
});
