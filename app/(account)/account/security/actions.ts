"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { clientInfo } from "@/lib/http/client-info";
import { getCaller } from "@/lib/auth/caller";
import { signOut } from "@/lib/auth/nextauth";
import { newPasswordMismatch } from "@/lib/forms/password-confirmation";
import { formError, type FormState, formText } from "@/lib/forms/state";
import { revokeOwnOtherSessions, revokeOwnSession } from "@/lib/sessions/revoke-own";
import { changePassword } from "@/lib/users/change-password";
import { deleteAccount } from "@/lib/users/delete-account";

const SIGNED_OUT: FormState = { status: "error", message: "Your session has ended. Sign in again." };

export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const caller = await getCaller();
  if (!caller) return SIGNED_OUT;
  const mismatch = newPasswordMismatch(form);
  if (mismatch) return mismatch;
  const result = await changePassword(
    caller.user.id,
    caller.session.id,
    {
      currentPassword: formText(form, "currentPassword"),
      newPassword: formText(form, "newPassword"),
    },
    clientInfo(await headers()),
  );
  if (!result.ok) return formError(result.error);
  revalidatePath("/account/security");
  const n = result.value.revokedSessions;
  return {
    status: "success",
    message: `Your password is changed.${n ? ` ${n} other session${n === 1 ? " was" : "s were"} signed out.` : ""}`,
  };
}

export async function revokeSessionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const caller = await getCaller();
  if (!caller) return SIGNED_OUT;
  const id = formText(form, "sessionId");
  if (id === caller.session.id) return { status: "error", message: "Use “Sign out” to end this device's session." };
  if (!(await revokeOwnSession(caller, id, clientInfo(await headers()))))
    return { status: "error", message: "Session not found." };
  revalidatePath("/account/security");
  return { status: "success", message: "Signed out." };
}

export async function revokeOtherSessionsAction(): Promise<FormState> {
  const caller = await getCaller();
  if (!caller) return SIGNED_OUT;
  const n = await revokeOwnOtherSessions(caller, clientInfo(await headers()));
  revalidatePath("/account/security");
  return {
    status: "success",
    message: n ? `Signed out of ${n} other session${n === 1 ? "" : "s"}.` : "There were no other sessions.",
  };
}

export async function deleteAccountAction(_prev: FormState, form: FormData): Promise<FormState> {
  const caller = await getCaller();
  if (!caller) return SIGNED_OUT;
  const result = await deleteAccount(
    caller.user.id,
    { password: formText(form, "password") },
    clientInfo(await headers()),
  );
  if (!result.ok) return formError(result.error);
  await signOut({ redirectTo: "/?deleted=1" });
  return { status: "success" };
}
