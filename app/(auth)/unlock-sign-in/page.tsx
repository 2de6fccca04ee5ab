import type { Metadata } from "next";
import { Card } from "@/components/card";
import { unlockLinkIsLive } from "@/lib/auth/lockout";
import { emailLinkPageQuerySchema } from "@/lib/email-tokens/schemas";
import { LinkExpired } from "../link-expired";
import { UnlockForm } from "./unlock-form";

export const metadata: Metadata = { title: "Unlock sign-in", referrer: "no-referrer" };

/**
 * Opening the link spends nothing (the button does). A dead link offers a reset link instead: a new unlock
 * link is mailed only by a new lock-out, while a password reset lifts the pause too (lib/auth/lockout.ts).
 */
export default async function UnlockSignInPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = emailLinkPageQuerySchema.parse(await searchParams);
  if (!(await unlockLinkIsLive(token))) {
    return (
      <LinkExpired>
        <p>This unlock link was already used, or it is too old. The pause on sign-in also ends by itself.</p>
        <p>To sign in now, ask for a link to choose a new password: it lifts the pause as well.</p>
      </LinkExpired>
    );
  }
  return (
    <Card title="Unlock sign-in" subtitle="Sign-in to your account was paused after many wrong passwords.">
      <UnlockForm token={token} />
    </Card>
  );
}
