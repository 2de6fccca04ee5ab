import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { getCaller } from "@/lib/auth/caller";
import { safeRedirectPath } from "@/lib/auth/redirects";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const callbackUrl = safeRedirectPath((await searchParams).callbackUrl);
  if (await getCaller()) redirect(callbackUrl);
  return (
    <Card title="Sign in" subtitle="Welcome back. Use your username or your email address.">
      <SignInForm callbackUrl={callbackUrl} />
    </Card>
  );
}
