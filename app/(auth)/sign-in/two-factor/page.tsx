import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { getCaller } from "@/lib/auth/caller";
import { readMfaCookie } from "@/lib/auth/mfa-cookie";
import { signInPageQuerySchema } from "@/lib/auth/schemas";
import { TwoFactorForm } from "./two-factor-form";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = signInPageQuerySchema.parse(await searchParams);
  if (await getCaller()) redirect(callbackUrl);
  // No pending step in this browser: start with the password.
  if (!(await readMfaCookie())) redirect(`/sign-in?${new URLSearchParams({ callbackUrl })}`);
  return (
    <Card title="Two-factor sign-in" subtitle="One more step: prove it is you with your second factor.">
      <TwoFactorForm callbackUrl={callbackUrl} />
    </Card>
  );
}
