"use server";

import { redirect } from "next/navigation";
import { startImpersonation } from "@/lib/admin/impersonation";
import { enterImpersonation } from "@/lib/admin/impersonation-cookies";
import { signedInFormAction } from "@/lib/forms/action";

/**
 * "Act as @name": lib/admin/impersonation.ts checks everything (administrator, fresh re-authentication, the
 * target an enabled ordinary account, the reason); the browser then holds the impersonation as its session and
 * keeps the administrator's own to return to (lib/admin/impersonation-cookies.ts).
 */
export const actAsAction = signedInFormAction({ fields: ["userId", "reason"] }, async (input, ctx) => {
  const started = await startImpersonation(ctx.caller, input.userId, { reason: input.reason }, ctx.client, "browser");
  if (!started.ok) return started;
  await enterImpersonation(started.value.token, started.value.expiresAt);
  redirect("/account");
});
