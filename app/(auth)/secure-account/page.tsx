import type { Metadata } from "next";
import { Card } from "@/components/card";
import { secureAccountLinkIsLive } from "@/lib/account/secure-account";
import { secureLinkPageQuerySchema } from "@/lib/auth/secure-link";
import { LinkExpired } from "../link-expired";
import { SecureAccountForm } from "./secure-form";

export const metadata: Metadata = { title: "Secure your account", referrer: "no-referrer" };

/**
 * A new-device notice's "Wasn't you? — secure your account" link (lib/auth/new-device.ts). Opening it changes
 * nothing; the button (a POST) signs out everywhere and mails a reset link (lib/account/secure-account.ts).
 */
export default async function SecureAccountPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = secureLinkPageQuerySchema.parse(await searchParams);
  if (!(await secureAccountLinkIsLive(token))) {
    return (
      <LinkExpired>
        <p>This link is too old, or the password was changed since it was sent.</p>
        <p>If you still think someone else signed in, ask for a link to choose a new password.</p>
      </LinkExpired>
    );
  }
  return (
    <Card title="Secure your account" subtitle="Someone signed in from a new device. If it was not you, act now.">
      <SecureAccountForm token={token} />
    </Card>
  );
}
