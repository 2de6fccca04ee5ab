import type { Metadata } from "next";
import { Card } from "@/components/card";
import { emailLinkPageQuerySchema } from "@/lib/email-tokens/schemas";
import { resetLinkIsLive } from "@/lib/password-reset/link";
import { LinkExpired } from "../link-expired";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

/**
 * Opening the link spends nothing (the form's button does), but the page reads whether the link still works,
 * so a missing, used or expired one gets "This link has expired" and no password fields at all.
 */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = emailLinkPageQuerySchema.parse(await searchParams);
  if (!(await resetLinkIsLive(token))) {
    return (
      <LinkExpired>
        <p>
          Links to reset a password work once, for a limited time. Ask for a new one and use the latest message we send.
        </p>
      </LinkExpired>
    );
  }
  return (
    <Card title="Choose a new password" subtitle="Every session of your account will be signed out.">
      <ResetPasswordForm token={token} />
    </Card>
  );
}
