import type { Metadata } from "next";
import { LinkButton } from "@/components/link-button";
import { getCaller } from "@/lib/auth/caller";
import { emailLinkPageQuerySchema } from "@/lib/email-tokens/schemas";
import { verificationLink } from "@/lib/verification/link";
import { LinkExpired } from "../link-expired";
import { ConfirmEmail } from "./confirm-email-form";
import { ResendLinkButton } from "./resend-link-button";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

/**
 * Opening the link spends nothing (mail scanners prefetch links; the button spends it), but the page reads
 * the link: a live one names the address it confirms, a dead one says so at once with one way to a new link.
 */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = emailLinkPageQuerySchema.parse(await searchParams);
  const [link, caller] = await Promise.all([verificationLink(token), getCaller()]);
  // Always the same client component in the same place: confirming re-renders this page (the header and the
  // banner change), the link is spent by then, and the form must keep showing its outcome, not "expired".
  return (
    <ConfirmEmail
      token={token}
      link={link}
      signedIn={Boolean(caller)}
      dead={<DeadLink signedIn={caller ? { email: caller.user.email, verified: caller.user.emailVerified } : null} />}
    />
  );
}

/** The one next step depends on who is here: a new link needs to know the account, so a visitor signs in first. */
function DeadLink({ signedIn }: { signedIn: { email: string; verified: boolean } | null }) {
  if (!signedIn) {
    return (
      <LinkExpired href="/sign-in?callbackUrl=%2Fverify-email">
        <p>Links to confirm an address work once, for a limited time. Sign in, and we send a new one.</p>
      </LinkExpired>
    );
  }
  if (signedIn.verified) {
    return (
      <LinkExpired action={<LinkButton href="/account/profile">Change email address</LinkButton>}>
        <p>
          Your address <strong className="break-all text-slate-900">{signedIn.email}</strong> is already confirmed. If
          this link was to change it, ask for the change again.
        </p>
      </LinkExpired>
    );
  }
  return (
    <LinkExpired action={<ResendLinkButton />}>
      <p>
        We send a new link to <strong className="break-all text-slate-900">{signedIn.email}</strong>. Only the latest
        one works.
      </p>
    </LinkExpired>
  );
}
