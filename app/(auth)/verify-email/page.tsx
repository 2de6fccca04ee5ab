import type { Metadata } from "next";
import { Card } from "@/components/card";
import { emailLinkPageQuerySchema } from "@/lib/email-tokens/schemas";
import { getCaller } from "@/lib/auth/caller";
import { ConfirmEmailForm } from "./confirm-email-form";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = emailLinkPageQuerySchema.parse(await searchParams);
  const caller = await getCaller();
  return (
    <Card title="Confirm your email" subtitle="One click tells us this address is yours.">
      <ConfirmEmailForm token={token} signedIn={Boolean(caller)} />
    </Card>
  );
}
