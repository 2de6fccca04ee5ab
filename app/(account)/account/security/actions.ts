"use server";

import { revalidatePath } from "next/cache";
import { signOut } from "@/lib/auth/nextauth";
import { formAnswers, signedInAction, signedInFormAction } from "@/lib/forms/action";
import { confirmationProblems } from "@/lib/forms/password-confirmation";
import { signOutEverywhereElse } from "@/lib/access/sign-out-elsewhere";
import { revokeOwnSession } from "@/lib/sessions/revoke-own";
import { changePassword } from "@/lib/account/change-password";
import { deleteAccount } from "@/lib/account/delete-account";
import { usernameKey } from "@/lib/users/schemas";

export const changePasswordAction = signedInFormAction(
  { fields: ["currentPassword", "newPassword"] },
  async (input, { caller, client, form }) => {
    const result = await changePassword(
      caller.user.id,
      caller.session.id,
      input,
      client,
      confirmationProblems(form),
      caller.session,
    );
    if (!result.ok) return result;
    revalidatePath("/account/security");
    const n = result.value.revokedSessions;
    return {
      status: "success",
      message: `Your password is ${caller.user.hasPassword ? "changed" : "set"}.${n ? ` ${n} other session${n === 1 ? " was" : "s were"} signed out.` : ""}`,
    };
  },
);

export const revokeSessionAction = signedInFormAction(
  { fields: ["sessionId"] },
  async ({ sessionId }, { caller, client }) => {
    if (sessionId === caller.session.id)
      return { status: "error", message: "Use “Sign out” to end this device's session." };
    if (!(await revokeOwnSession(caller, sessionId, client))) return { status: "error", message: "Session not found." };
    revalidatePath("/account/security");
    return { status: "success", message: "Signed out." };
  },
);

export const revokeOtherSessionsAction = signedInAction(formAnswers, async ({ caller, client }) => {
  const { sessions: n, apiKeys: k } = await signOutEverywhereElse(caller, client);
  revalidatePath("/account/security");
  const keys = k ? `${k} API key${k === 1 ? " was" : "s were"} revoked.` : "";
  return {
    status: "success" as const,
    message: n
      ? `Signed out of ${n} other session${n === 1 ? "" : "s"}.${keys ? ` ${keys}` : ""}`
      : keys || "There were no other sessions.",
  };
});

/**
 * Deleting the account: the username typed out (compared as usernames are, so case does not matter) is
 * checked first, so a slip costs no password try; then the password, by lib/account/delete-account.ts.
 */
export const deleteAccountAction = signedInFormAction(
  { fields: ["password", "username"] },
  async ({ password, username }, { caller, client, values }) => {
    if (usernameKey(username.trim()) !== usernameKey(caller.user.username)) {
      const message = username.trim()
        ? `That is not your username. Type ${caller.user.username} to confirm.`
        : `Type your username, ${caller.user.username}, to confirm.`;
      return { status: "error", message, fields: { username: [message] }, values };
    }
    const result = await deleteAccount(caller.user.id, { password }, client, caller.session);
    if (!result.ok) return result;
    await signOut({ redirectTo: "/?deleted=1" });
    return { status: "success" };
  },
);
