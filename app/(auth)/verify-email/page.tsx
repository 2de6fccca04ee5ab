import type { Metadata } from "next";
import { Card } from "@/components/card";
import { getCaller } from "@/lib/auth/caller";
import { ConfirmEmailForm } from "./confirm-email-form";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const token = (await searchParams).token;
  const caller = await getCaller();
  return (
    <Card title="Confirm your email" subtitle="One click tells us this address is yours.">
      <ConfirmEmailForm token={typeof token === "string" ? token.slice(0, 200) : ""} signedIn={Boolean(caller)} />
    </Card>
  );
}
