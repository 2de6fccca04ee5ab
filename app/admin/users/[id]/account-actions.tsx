"use client";

import { Field } from "@/components/field";
import type { AdminUserDto } from "@/lib/admin/users";
import {
  deleteUserAction,
  disableAction,
  enableAction,
  revokeSessionsAction,
  sendResetAction,
  sendVerificationAction,
  setRoleAction,
} from "../../actions";
import { AdminAction } from "./admin-action";

/** The actions of an account's page. Each is checked again by lib/admin (role, re-authentication, last admin). */
export function AccountActions({ user }: { user: AdminUserDto }) {
  const id = { userId: user.id };
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      {user.disabledAt ? (
        <AdminAction action={enableAction} hidden={id} label="Enable account" pendingLabel="Enabling…">
          {() => <p className="text-sm text-slate-600">It can sign in again; its old sessions stay ended.</p>}
        </AdminAction>
      ) : (
        <AdminAction
          action={disableAction}
          hidden={id}
          label="Disable account"
          pendingLabel="Disabling…"
          variant="danger"
        >
          {(state) => (
            <Field
              label="Reason (required)"
              name="disabledReason"
              id="disable-reason"
              required
              maxLength={500}
              defaultValue={state.values?.disabledReason}
              errors={state.fields?.disabledReason}
              hint="Every session of the account ends at once."
            />
          )}
        </AdminAction>
      )}
      <AdminAction
        action={setRoleAction}
        hidden={{ ...id, role: user.role === "admin" ? "user" : "admin" }}
        label={user.role === "admin" ? "Remove admin" : "Make admin"}
        pendingLabel="Changing…"
      >
        {() => (
          <p className="text-sm text-slate-600">
            {user.role === "admin" ? "It becomes an ordinary user on its next request." : "It can use this console."}
          </p>
        )}
      </AdminAction>
      <AdminAction action={sendResetAction} hidden={id} label="Send password reset link" pendingLabel="Sending…" />
      {!user.emailVerified && (
        <AdminAction
          action={sendVerificationAction}
          hidden={id}
          label="Resend verification link"
          pendingLabel="Sending…"
        />
      )}
      <AdminAction
        action={revokeSessionsAction}
        hidden={{ ...id, sessionId: "" }}
        label="Sign out everywhere"
        pendingLabel="Signing out…"
      />
      <div className="sm:col-span-2">
        <AdminAction
          action={deleteUserAction}
          hidden={id}
          label="Delete account"
          pendingLabel="Deleting…"
          variant="danger"
        >
          {(state) => (
            <Field
              label={`Type ${user.username} to delete the account`}
              name="confirmUsername"
              id="delete-confirm"
              autoComplete="off"
              required
              errors={state.fields?.confirmUsername}
              hint="Its profile, sessions and events are deleted. This cannot be undone."
            />
          )}
        </AdminAction>
      </div>
    </div>
  );
}

/** "Sign out" on one session row. */
export function RevokeSession({ userId, sessionId }: { userId: string; sessionId: string }) {
  return (
    <AdminAction
      action={revokeSessionsAction}
      hidden={{ userId, sessionId }}
      label="Sign out"
      pendingLabel="Signing out…"
    />
  );
}
