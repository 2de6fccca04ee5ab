import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getCaller } from "@/lib/auth/caller";
import { emailSignInEnabled } from "@/lib/auth/email-sign-in-request";
import { signInPageQuerySchema } from "@/lib/auth/schemas";
import { EmailSignIn } from "./email-sign-in-form";

export const metadata: Metadata = { title: "Sign in by email" };

/** "Email me a sign-in link": the form, then "Check your inbox" with the code form (lib/auth/email-sign-in*.ts). */
export default async function EmailSignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  if (!emailSignInEnabled()) notFound();
  const { callbackUrl } = signInPageQuerySchema.parse(await searchParams);
  if (await getCaller()) redirect(callbackUrl);
  return <EmailSignIn callbackUrl={callbackUrl} />;
}
