import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/card";
import { LinkButton } from "@/components/link-button";
import { VerifyBanner } from "@/components/verify-banner";
import { InvitationButtons } from "@/app/_organizations/invitation-buttons";
import { getCaller } from "@/lib/auth/caller";
import {
  INVITATION_EMAIL_MISMATCH,
  INVITATION_EMAIL_UNVERIFIED,
  peekInvitation,
} from "@/lib/organizations/invitation-accept";
import { invitationPageQuerySchema } from "@/lib/organizations/invitation-schemas";
import { LinkExpired } from "../../link-expired";
import { resendVerificationAction } from "../../verify-email/resend-action";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const ROLE_WORDS = { owner: "an owner", admin: "an admin", member: "a member" } as const;

/**
 * The emailed invitation link. Opening it (GET, a scanner's prefetch) changes nothing: "Accept invitation" and
 * "Decline" are form posts. Signed out: sign in (or up) and come back here. Signed in with another address, or an
 * unconfirmed one: the clear message, no accept button. Sent with `Referrer-Policy: no-referrer` and
 * `Cache-Control: no-store` (proxy.ts).
 */
export default async function InvitationPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = invitationPageQuerySchema.parse(await searchParams);
  const invitation = await peekInvitation(token);
  if (!invitation) {
    return (
      <LinkExpired action={<LinkButton href="/">Go to the home page</LinkButton>}>
        <p>
          This invitation was revoked, replaced by a newer one, already used, or it is older than 7 days. Ask the person
          who invited you for a new one.
        </p>
      </LinkExpired>
    );
  }
  const caller = await getCaller();
  const here = `/invitations/accept?token=${encodeURIComponent(token)}`;
  const subtitle = (
    <>
      {invitation.inviter ? `@${invitation.inviter} invited you` : "You are invited"} to join{" "}
      <strong className="text-slate-900">{invitation.organizationName}</strong> as {ROLE_WORDS[invitation.role]}.
    </>
  );
  if (!caller) {
    return (
      <Card title="Join an organization" subtitle={subtitle}>
        <div className="space-y-5 text-sm text-slate-700">
          <p>
            Sign in with the account that uses the invited address to accept. No account yet? Sign up with it first.
          </p>
          <div className="flex flex-col gap-3 sm:flex-row sm:justify-end">
            <LinkButton href="/sign-up" variant="secondary">
              Sign up
            </LinkButton>
            <LinkButton href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>Sign in to accept</LinkButton>
          </div>
          <InvitationButtons token={token} canAccept={false} />
        </div>
      </Card>
    );
  }
  const unverified = !caller.user.emailVerified;
  const mismatch = caller.user.email !== invitation.email;
  return (
    <Card title="Join an organization" subtitle={subtitle}>
      <div className="space-y-5 text-sm text-slate-700">
        <p>
          Signed in as <strong className="text-slate-900">@{caller.user.username}</strong>.{" "}
          {mismatch ? (
            <Link href="/account" className="font-medium text-brand-700 hover:underline">
              Your account
            </Link>
          ) : null}
        </p>
        {mismatch ? (
          <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
            {INVITATION_EMAIL_MISMATCH}
          </p>
        ) : unverified ? (
          <>
            <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
              {INVITATION_EMAIL_UNVERIFIED}
            </p>
            <VerifyBanner email={caller.user.email} resend={resendVerificationAction} />
          </>
        ) : null}
        {/* Not for another account: declining would end the invited person's link by mistake. */}
        {mismatch ? null : <InvitationButtons token={token} canAccept={!unverified} />}
      </div>
    </Card>
  );
}
