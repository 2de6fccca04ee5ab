"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  deleteUserAsAdmin,
  revokeSessionsAsAdmin,
  sendResetAsAdmin,
  sendVerificationAsAdmin,
  updateUserAsAdmin,
} from "@/lib/admin/manage";
import { signedInFormAction } from "@/lib/forms/action";

// Every check (administrator first, then the id's shape, fresh re-authentication, last admin, the delete's
// typed username) is made by lib/admin/manage.ts: an action reads nothing itself.

const done = (userId: string, message: string) => {
  revalidatePath(`/admin/users/${userId}`);
  return { status: "success" as const, message };
};

export const setRoleAction = signedInFormAction({ fields: ["userId", "role"] }, async (input, ctx) => {
  const result = await updateUserAsAdmin(ctx.caller, input.userId, { role: input.role }, ctx.client);
  if (!result.ok) return result;
  return done(
    input.userId,
    result.value.role === "admin" ? "This account is now an administrator." : "This account is now an ordinary user.",
  );
});

export const disableAction = signedInFormAction({ fields: ["userId", "disabledReason"] }, async (input, ctx) => {
  const patch = { disabled: true, disabledReason: input.disabledReason };
  const result = await updateUserAsAdmin(ctx.caller, input.userId, patch, ctx.client);
  if (!result.ok) return result;
  return done(input.userId, "The account is disabled and every session of it has ended.");
});

export const enableAction = signedInFormAction({ fields: ["userId"] }, async (input, ctx) => {
  const result = await updateUserAsAdmin(ctx.caller, input.userId, { disabled: false }, ctx.client);
  if (!result.ok) return result;
  return done(input.userId, "The account is enabled again.");
});

export const revokeSessionsAction = signedInFormAction({ fields: ["userId", "sessionId"] }, async (input, ctx) => {
  const result = await revokeSessionsAsAdmin(ctx.caller, input.userId, ctx.client, input.sessionId || undefined);
  if (!result.ok) return result;
  const n = result.value.revoked;
  return done(input.userId, n ? `Signed out of ${n} session${n === 1 ? "" : "s"}.` : "There were no sessions.");
});

export const sendResetAction = signedInFormAction({ fields: ["userId"] }, async (input, ctx) => {
  const result = await sendResetAsAdmin(ctx.caller, input.userId, ctx.client);
  if (!result.ok) return result;
  return done(input.userId, "A password reset link is on its way (a disabled account is mailed nothing).");
});

export const sendVerificationAction = signedInFormAction({ fields: ["userId"] }, async (input, ctx) => {
  const result = await sendVerificationAsAdmin(ctx.caller, input.userId, ctx.client);
  if (!result.ok) return result;
  return done(input.userId, "A verification link is on its way.");
});

export const deleteUserAction = signedInFormAction({ fields: ["userId", "confirmUsername"] }, async (input, ctx) => {
  const confirm = { username: input.confirmUsername };
  const result = await deleteUserAsAdmin(ctx.caller, input.userId, ctx.client, confirm);
  if (!result.ok) return result;
  redirect("/admin?deleted=1");
});
