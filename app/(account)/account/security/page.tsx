import type { Metadata } from "next";
import { Time } from "@/components/time";
import { listAccess } from "@/lib/access/list";
import { listIdentities } from "@/lib/identities/manage";
import { listPasskeys } from "@/lib/passkeys/manage";
import { listEvents } from "@/lib/security/events";
import { passwordChangedAt } from "@/lib/security/password-changed";
import { toActivityItem } from "./activity-item";
import { callerOr } from "./signed-in";
import { SummaryGroup, SummaryRow } from "./summary-row";

export const metadata: Metadata = { title: "Security" };

/**
 * The security overview: one summary row per way in, for the sessions, the activity and the danger zone.
 * Nothing here changes anything; each row links to the page that does, so no form opens before it is wanted.
 */
export default async function SecurityPage() {
  const caller = await callerOr("/account/security");
  const { id, createdAt, twoFactor, hasPassword } = caller.user;
  const [changedAt, passkeys, identities, access, events] = await Promise.all([
    passwordChangedAt(id),
    listPasskeys(id),
    listIdentities(id),
    listAccess(id, caller.session.id),
    listEvents(id, { limit: 1 }),
  ]);
  // Identities have their own row above; here what is signed in or holds a key.
  const others = access.filter((a) => !a.current && a.kind !== "identity").length;
  const latest = events.ok ? events.value.events[0] : undefined;
  const last = latest ? toActivityItem(latest) : null;
  return (
    <>
      <h1 className="mx-auto w-full max-w-2xl text-xl font-semibold tracking-tight text-slate-900">Security</h1>
      <SummaryGroup id="sign-in-methods" title="Sign-in methods">
        <SummaryRow
          id="summary-password"
          title="Password"
          status={
            !hasPassword ? (
              "No password set"
            ) : changedAt ? (
              <Time at={changedAt} prefix="Changed " />
            ) : (
              <Time at={createdAt} prefix="Set " />
            )
          }
          href="/account/security/password"
          action={hasPassword ? "Change" : "Set"}
        />
        <SummaryRow
          id="summary-two-factor"
          title="Two-factor authentication"
          status={
            twoFactor.totp
              ? `On · ${twoFactor.recoveryCodesLeft} recovery code${twoFactor.recoveryCodesLeft === 1 ? "" : "s"} left`
              : "Off"
          }
          href="/account/security/two-factor"
          action={twoFactor.totp ? "Manage" : "Set up"}
        />
        <SummaryRow
          id="summary-passkeys"
          title="Passkeys"
          status={passkeys.length ? `${passkeys.length} passkey${passkeys.length === 1 ? "" : "s"}` : "None yet"}
          href="/account/security/passkeys"
          action="Add"
        />
        <SummaryRow
          id="summary-connected"
          title="Connected accounts"
          status={identities.length ? [...new Set(identities.map((i) => i.providerName))].join(", ") : "None connected"}
          href="/account/security/connected"
          action="Manage"
        />
      </SummaryGroup>
      <SummaryGroup id="devices-and-sessions" title="Devices and sessions">
        <SummaryRow
          id="summary-sessions"
          title="Access to your account"
          status={others ? `This device and ${others} other${others === 1 ? "" : "s"}` : "Only this device"}
          href="/account/security/sessions"
          action="Manage"
        />
      </SummaryGroup>
      <SummaryGroup id="activity" title="Activity">
        <SummaryRow
          id="summary-activity"
          title="Latest"
          status={
            last ? (
              <>
                {last.label} · <Time at={last.at} />
              </>
            ) : (
              "No activity yet"
            )
          }
          href="/account/security/activity"
          action="View"
        />
      </SummaryGroup>
      <SummaryGroup id="danger-zone" title="Danger zone" tone="danger">
        <SummaryRow
          id="summary-delete"
          title="Delete account"
          status="Your account, your profile and every session, at once. It cannot be undone."
          href="/account/security/delete"
          action="Delete"
          tone="danger"
        />
      </SummaryGroup>
    </>
  );
}
