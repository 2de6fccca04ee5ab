import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/card";
import { EMAIL_LINK_ELSEWHERE } from "@/lib/auth/email-sign-in";
import { emailSignInEnabled } from "@/lib/auth/email-sign-in-request";
import { readEmailSignInBinding } from "@/lib/auth/email-sign-in-cookie";
import { peekEmailSignInLink } from "@/lib/auth/email-sign-in-store";
import { emailLinkPageQuerySchema } from "@/lib/email-tokens/schemas";
import { LinkExpired } from "../../../link-expired";
import { LinkButton } from "@/components/link-button";
import { CodeForm } from "../code-form";
import { LinkSignInForm } from "./link-form";

export const metadata: Metadata = { title: "Sign in by email", referrer: "no-referrer" };

/**
 * The emailed link. Opening it (GET, HEAD, a scanner's prefetch) spends nothing: the page shows "Sign me in",
 * whose POST alone signs in. Only the browser that asked (its binding cookie) gets the button; any other is told
 * so and offered the code. Sent with `Referrer-Policy: no-referrer` and `Cache-Control: no-store` (proxy.ts).
 */
export default async function EmailLinkPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  if (!emailSignInEnabled()) notFound();
  const { token } = emailLinkPageQuerySchema.parse(await searchParams);
  const pending = await peekEmailSignInLink(token, await readEmailSignInBinding());
  if (!pending || pending.user.disabledAt) {
    return (
      <LinkExpired action={<LinkButton href="/sign-in/email">Email me a new link</LinkButton>}>
        <p>This sign-in link was already used, or it is older than 15 minutes, or a newer one replaced it.</p>
      </LinkExpired>
    );
  }
  const unverified = !pending.user.emailVerifiedAt;
  const notice = unverified ? (
    <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      Signing in this way also confirms your email address. Because it was not confirmed before, the password set on
      this account is removed, with its passkeys, two-factor and connected sign-ins, and every other session is signed
      out: you can set a new password afterwards, or keep signing in by email.
    </p>
  ) : null;
  if (!pending.here) {
    return (
      <Card title="Sign in with the code" subtitle={EMAIL_LINK_ELSEWHERE}>
        <div className="space-y-5">
          {notice}
          <CodeForm />
        </div>
      </Card>
    );
  }
  return (
    <Card title="Sign in by email" subtitle="You asked for this link in this browser. Press the button to sign in.">
      <div className="space-y-5">
        {notice}
        <LinkSignInForm token={token} />
      </div>
    </Card>
  );
}
