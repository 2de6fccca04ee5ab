import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { getCaller } from "@/lib/auth/caller";
import { emailSignInEnabled } from "@/lib/auth/email-sign-in-request";
import { signInPageQuerySchema } from "@/lib/auth/schemas";
import { PasskeySignIn } from "./passkey-sign-in";
import { SignInForm } from "./sign-in-form";
import { EmailSignInLink } from "./email/entry";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; reset?: string; expired?: string }>;
}) {
  const { callbackUrl, reset, expired } = signInPageQuerySchema.parse(await searchParams);
  if (await getCaller()) redirect(callbackUrl);
  return (
    <Card title="Sign in" subtitle="Welcome back. Use your username or your email address.">
      {reset && (
        <p
          role="status"
          className="mb-5 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
        >
          Your password is changed and every session was signed out. Sign in with the new password.
        </p>
      )}
      {expired && (
        <p
          role="status"
          className="mb-5 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          That sign-in took too long or had too many wrong codes. Sign in with your password again.
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} />
      <PasskeySignIn callbackUrl={callbackUrl} />
      {emailSignInEnabled() && <EmailSignInLink callbackUrl={callbackUrl} />}
    </Card>
  );
}
