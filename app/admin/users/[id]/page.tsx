import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Panel } from "@/components/panel";
import { Time } from "@/components/time";
import { getAdminUserDetail } from "@/lib/admin/users";
import { listIdentities } from "@/lib/identities/manage";
import { eventLabel, isWarning } from "@/lib/security/event-labels";
import { describeDevice } from "@/lib/sessions/device";
import { adminPageCaller } from "../../admin-caller";
import { EmailBadge, RoleBadge, StatusBadge, YouBadge } from "../../badges";
import { EventDetail } from "../../event-detail";
import { withParams } from "../../search-params";
import { ApiKeysPanel } from "./api-keys-panel";
import { OrganizationsPanel } from "./organizations-panel";
import {
  ActAsAction,
  DangerActions,
  MessageActions,
  RevokeSession,
  RoleAction,
  SignOutEverywhere,
} from "./account-actions";

export const metadata: Metadata = { title: "Admin · Account" };

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="space-y-0.5">
      <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{term}</dt>
      <dd className="text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600";

/**
 * One account as the console sees it, grouped as account settings pages are: the facts, its role, the mails
 * one can send it, its sessions, its recent events, and the danger zone last. On the caller's own account
 * ("This is you") the page offers no demotion, disabling, deletion or signing out: those are refused for the
 * last administrator by lib/admin anyway, and one's own account is managed under Account security.
 */
export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await adminPageCaller();
  // A malformed id is a field error and a missing account not_found: both are this page's 404.
  const detail = await getAdminUserDetail(caller, (await params).id);
  if (!detail.ok) notFound();
  const user = detail.value;
  const identities = await listIdentities(user.id);
  const self = user.id === caller.user.id;
  const ownAccount = (
    <p className="text-sm text-slate-600">
      Your own sessions are managed under{" "}
      <Link href="/account/security" className={linkClass}>
        Account security
      </Link>
      .
    </p>
  );
  return (
    <div className="space-y-6">
      <header className="mx-auto w-full max-w-2xl space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight break-all text-slate-900">@{user.username}</h1>
        {user.displayName && <p className="text-slate-700">{user.displayName}</p>}
        <div className="flex flex-wrap gap-1.5">
          {self && <YouBadge />}
          <RoleBadge role={user.role} />
          <StatusBadge disabled={user.disabledAt !== null} />
          <EmailBadge verified={user.emailVerified} />
        </div>
      </header>
      <Panel title="Account">
        <dl className="grid gap-4 sm:grid-cols-2">
          <Fact term="Email">
            <span className="break-all">{user.email}</span>
          </Fact>
          <Fact term="Created">
            <Time at={user.createdAt} />
          </Fact>
          <Fact term="Last sign-in">
            {user.lastSignIn ? (
              <>
                <Time at={user.lastSignIn.at} /> · {user.lastSignIn.device} · {user.lastSignIn.ip ?? "unknown address"}
              </>
            ) : (
              "Never"
            )}
          </Fact>
          <Fact term="Password">{user.hasPassword ? "Set" : "None (signs in another way)"}</Fact>
          <Fact term="Two-factor">
            {user.twoFactor.totp ? `On (${user.twoFactor.recoveryCodesLeft} recovery codes left)` : "Off"}
          </Fact>
          {user.disabledAt && (
            <Fact term="Disabled">
              <Time at={user.disabledAt} />: {user.disabledReason}
            </Fact>
          )}
          {user.bio && <Fact term="Bio">{user.bio}</Fact>}
        </dl>
      </Panel>
      <Panel title="Connected accounts" description="Identity providers that sign in to this account. Read only.">
        {identities.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Connected accounts">
            {identities.map((i) => (
              <li key={i.id} className="py-2 text-sm">
                <p className="font-medium text-slate-900">{i.providerName}</p>
                <p className="break-all text-slate-600">
                  {i.email ?? "No email address"} · <Time at={i.connectedAt} prefix="connected " /> ·{" "}
                  {i.lastUsedAt ? <Time at={i.lastUsedAt} prefix="last used " /> : "never used"}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title="Role" description="Administrators can use this console.">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <p className="text-sm text-slate-900">
            {user.role === "admin" ? "Administrator" : "Ordinary user"}
            {self && <span className="text-slate-600"> — your own role cannot be changed here.</span>}
          </p>
          {!self && <RoleAction user={user} />}
        </div>
      </Panel>
      <Panel title="Messages" description="Mail a link to the account's address. Each is recorded on the account.">
        <MessageActions user={user} />
      </Panel>
      {!self && user.role === "user" && !user.disabledAt && (
        <Panel
          title="Act as this account"
          description="See the site as they do, to help them: recorded on their account with your reason."
        >
          <ActAsAction user={user} />
        </Panel>
      )}
      <Panel title="Sessions" description="Browsers and API tokens signed in to this account, newest first.">
        {user.sessions.length === 0 ? (
          <p className="text-sm text-slate-600">No sessions.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {user.sessions.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-3 py-3">
                <div className="min-w-0 text-sm">
                  <p className="font-medium text-slate-900">
                    {s.device}
                    {s.kind === "api" ? " (API)" : ""}
                  </p>
                  <p className="text-slate-600">
                    <Time at={s.lastSeenAt} prefix="Active " /> · {s.ip ?? "unknown address"}
                  </p>
                </div>
                {!self && (
                  <div className="shrink-0">
                    <RevokeSession userId={user.id} sessionId={s.id} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4">
          {self
            ? ownAccount
            : user.sessions.length > 0 && <SignOutEverywhere user={user} count={user.sessions.length} />}
        </div>
      </Panel>
      <ApiKeysPanel userId={user.id} />
      <OrganizationsPanel userId={user.id} />
      <Panel title="Recent events" description="The latest 20 security events of this account.">
        {user.events.length === 0 ? (
          <p className="text-sm text-slate-600">No events.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {user.events.map((e) => (
              <li key={e.id} className="space-y-1 py-2 text-sm">
                <p className={isWarning(e.type) ? "font-medium text-amber-800" : "font-medium text-slate-900"}>
                  {eventLabel(e, "admin")}
                </p>
                <p className="text-slate-600">
                  <Time at={e.createdAt} /> · {describeDevice(e.userAgent)} · {e.ip ?? "unknown address"}
                </p>
                <EventDetail detail={e.detail} />
              </li>
            ))}
          </ul>
        )}
        <p className="mt-4 text-sm">
          <Link href={withParams("/admin/events", { username: user.username })} className={linkClass}>
            Full history of @{user.username}
          </Link>
        </p>
      </Panel>
      <Panel title="Danger zone" tone="danger">
        {self ? (
          <p className="text-sm text-slate-600">
            You cannot disable or delete your own account here. To delete it, use{" "}
            <Link href="/account/security" className={linkClass}>
              Account security
            </Link>
            .
          </p>
        ) : (
          <DangerActions user={user} />
        )}
      </Panel>
    </div>
  );
}
