import type { Metadata } from "next";
import { Card } from "@/components/card";
import { emailLinkPageQuerySchema } from "@/lib/email-tokens/schemas";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

// Opening the link spends nothing: the token is used only when the form is sent.
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = emailLinkPageQuerySchema.parse(await searchParams);
  return (
    <Card title="Choose a new password" subtitle="Every session of your account will be signed out.">
      <ResetPasswordForm token={token} />
    </Card>
  );
}
