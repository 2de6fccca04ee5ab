import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Panel } from "@/components/panel";
import { toActivityItem } from "@/app/(account)/account/security/activity-item";
import { ReauthGate } from "@/app/_reauth/reauth-gate";
import { getAdminUserDetail } from "@/lib/admin/users";
import { adminPageCaller } from "../../admin-caller";
import { formatTime } from "../../search-params";
import { AccountActions, RevokeSession } from "./account-actions";

export const metadata: Metadata = { title: "Admin · Account" };

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="space-y-0.5">
      <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{term}</dt>
      <dd className="text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await adminPageCaller();
  // A malformed id is a field error and a missing account not_found: both are this page's 404.
  const detail = await getAdminUserDetail(caller, (await params).id);
  if (!detail.ok) notFound();
  const user = detail.value;
  const now = new Date();
  return (
    <div className="space-y-6">
      <header className="mx-auto w-full max-w-2xl space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight break-all text-slate-900">@{user.username}</h1>
        <p className="text-sm text-slate-600">
          {user.role === "admin" ? "Administrator" : "User"} ·{" "}
          {user.disabledAt ? <span className="font-medium text-red-700">Disabled</span> : "Active"}
        </p>
      </header>
      <Panel title="Account">
        <dl className="grid gap-4 sm:grid-cols-2">
          <Fact term="Display name">{user.displayName ?? "—"}</Fact>
          <Fact term="Email">
            {user.email} ({user.emailVerified ? "verified" : "not verified"})
          </Fact>
          <Fact term="Created">{formatTime(user.createdAt)}</Fact>
          <Fact term="Last sign-in">
            {user.lastSignIn
              ? `${formatTime(user.lastSignIn.at)} · ${user.lastSignIn.device} · ${user.lastSignIn.ip ?? "unknown address"}`
              : "Never"}
          </Fact>
          <Fact term="Two-factor">
            {user.twoFactor.totp ? `On (${user.twoFactor.recoveryCodesLeft} recovery codes left)` : "Off"}
          </Fact>
          {user.disabledAt && (
            <Fact term="Disabled">
              {formatTime(user.disabledAt)}: {user.disabledReason}
            </Fact>
          )}
          {user.bio && <Fact term="Bio">{user.bio}</Fact>}
        </dl>
      </Panel>
      <Panel
        title="Actions"
        description="Each action is recorded on the account; the person sees “An administrator …”."
      >
        <ReauthGate caller={caller} description="Enter your password again before changing this account.">
          <AccountActions user={user} />
        </ReauthGate>
      </Panel>
      <Panel title="Sessions" description="Browsers and API tokens signed in to this account, newest first.">
        {user.sessions.length === 0 ? (
          <p className="text-sm text-slate-600">No sessions.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {user.sessions.map((s) => (
              <li key={s.id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="text-sm">
                  <p className="font-medium text-slate-900">
                    {s.device}
                    {s.kind === "api" ? " (API)" : ""}
                  </p>
                  <p className="text-slate-600">
                    {s.ip ?? "unknown address"} · last used {formatTime(s.lastSeenAt)}
                  </p>
                </div>
                <RevokeSession userId={user.id} sessionId={s.id} />
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title="Recent events" description="The latest 20 security events of this account.">
        {user.events.length === 0 ? (
          <p className="text-sm text-slate-600">No events.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {user.events.map((e) => {
              const item = toActivityItem(e, now);
              return (
                <li key={e.id} className="py-2 text-sm">
                  <p className={item.tone === "warn" ? "font-medium text-amber-800" : "font-medium text-slate-900"}>
                    {item.label}
                  </p>
                  <p className="text-slate-600">
                    <time dateTime={item.at}>{item.absolute}</time> · {item.device} · {item.ip ?? "unknown address"}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </Panel>
    </div>
  );
}
