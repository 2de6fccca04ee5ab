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
import { actAsAction } from "./impersonation-actions";

// The actions of an account's page, by section. Each is checked again by lib/admin (role, re-authentication,
// last admin); the page does not offer the caller's own demotion, disabling or deletion at all.

/** Make admin / Remove admin, confirmed. */
export function RoleAction({ user }: { user: AdminUserDto }) {
  const promote = user.role !== "admin";
  return (
    <AdminAction
      action={setRoleAction}
      hidden={{ userId: user.id, role: promote ? "admin" : "user" }}
      label={promote ? "Make admin" : "Remove admin"}
      pendingLabel="Changing…"
      confirm={{
        title: promote ? `Make @${user.username} an administrator?` : `Remove @${user.username}'s admin role?`,
        description: promote
          ? "They can then see every account and event, and disable or delete accounts."
          : "They become an ordinary user on their next request and lose this console.",
      }}
    />
  );
}

/** The mails an administrator can send: a password reset link, and a verification link while unverified. */
export function MessageActions({ user }: { user: AdminUserDto }) {
  const id = { userId: user.id };
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:flex-wrap">
      <AdminAction action={sendResetAction} hidden={id} label="Send password reset link" pendingLabel="Sending…" />
      {!user.emailVerified && (
        <AdminAction
          action={sendVerificationAction}
          hidden={id}
          label="Resend verification link"
          pendingLabel="Sending…"
        />
      )}
    </div>
  );
}

/** "Sign out everywhere", confirmed. */
export function SignOutEverywhere({ user, count }: { user: AdminUserDto; count: number }) {
  return (
    <AdminAction
      action={revokeSessionsAction}
      hidden={{ userId: user.id, sessionId: "" }}
      label="Sign out everywhere"
      pendingLabel="Signing out…"
      confirm={{
        danger: true,
        title: `Sign @${user.username} out everywhere?`,
        description: `${count} session${count === 1 ? "" : "s"} end at once, API tokens included; they can sign in again.`,
      }}
    />
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

/** The danger zone: disable (with a reason) or enable, and delete (typing the username), each confirmed. */
export function DangerActions({ user }: { user: AdminUserDto }) {
  const id = { userId: user.id };
  return (
    <div className="divide-y divide-slate-100">
      <div className="flex flex-col gap-3 pb-5 sm:flex-row sm:items-start sm:justify-between">
        <div className="text-sm">
          <p className="font-medium text-slate-900">{user.disabledAt ? "Enable the account" : "Disable the account"}</p>
          <p className="text-slate-600">
            {user.disabledAt
              ? "It can sign in again; its old sessions stay ended."
              : "It cannot sign in, and every session of it ends at once."}
          </p>
        </div>
        {/* One component at one place for both, so the outcome's message stays as the button changes. */}
        {user.disabledAt ? (
          <AdminAction key="status" action={enableAction} hidden={id} label="Enable account" pendingLabel="Enabling…" />
        ) : (
          <AdminAction
            key="status"
            action={disableAction}
            hidden={id}
            label="Disable account"
            pendingLabel="Disabling…"
            variant="danger"
            confirm={{
              title: `Disable @${user.username}?`,
              description: "They cannot sign in until enabled again, and every session of theirs ends at once.",
            }}
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
                hint="Kept with the account, for the administrators."
              />
            )}
          </AdminAction>
        )}
      </div>
      <div className="flex flex-col gap-3 pt-5 sm:flex-row sm:items-start sm:justify-between">
        <div className="text-sm">
          <p className="font-medium text-slate-900">Delete the account</p>
          <p className="text-slate-600">Its profile, posts, sessions and events go. This cannot be undone.</p>
        </div>
        <AdminAction
          action={deleteUserAction}
          hidden={id}
          label="Delete account"
          pendingLabel="Deleting…"
          variant="danger"
          confirm={{
            title: `Delete @${user.username}?`,
            description: "Its profile, posts, sessions and events are deleted. This cannot be undone.",
          }}
        >
          {(state) => (
            <Field
              label={`Type ${user.username} to confirm`}
              name="confirmUsername"
              id="delete-confirm"
              autoComplete="off"
              spellCheck={false}
              required
              errors={state.fields?.confirmUsername}
            />
          )}
        </AdminAction>
      </div>
    </div>
  );
}

/** "Act as @name", with a written reason, confirmed (lib/admin/impersonation.ts: at most 30 minutes). */
export function ActAsAction({ user }: { user: AdminUserDto }) {
  return (
    <AdminAction
      action={actAsAction}
      hidden={{ userId: user.id }}
      label={`Act as @${user.username}`}
      pendingLabel="Starting…"
      confirm={{
        title: `Act as @${user.username}?`,
        description:
          "For at most 30 minutes this browser is signed in as them; every page says so, and Stop brings you back. " +
          "You cannot change their password, email, two-factor, passkeys, keys or connected accounts, nor export " +
          "or delete the account. They will see that an administrator acted as them, and why.",
      }}
    >
      {(state) => (
        <Field
          label="Reason (required)"
          name="reason"
          id="act-as-reason"
          required
          maxLength={500}
          defaultValue={state.values?.reason}
          errors={state.fields?.reason}
          hint="Shown to the account's owner in their activity."
        />
      )}
    </AdminAction>
  );
}
