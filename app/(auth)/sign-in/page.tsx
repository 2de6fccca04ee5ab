import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { getCaller } from "@/lib/auth/caller";
import { identityErrorMessage, pendingLinkNotice, signInProviderButtons } from "@/lib/auth/identity-messages";
import { emailSignInEnabled } from "@/lib/auth/email-sign-in-request";
import { signInPageQuerySchema } from "@/lib/auth/schemas";
import { identitySignInAction } from "@/app/_identities/actions";
import { ProviderButtons } from "@/app/_identities/provider-buttons";
import { PasskeySignIn } from "./passkey-sign-in";
import { SignInForm } from "./sign-in-form";
import { EmailSignInLink } from "./email/entry";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{
    callbackUrl?: string | string[];
    reset?: string;
    expired?: string;
    error?: string | string[];
    provider?: string | string[];
  }>;
}) {
  const { callbackUrl, reset, expired, error, provider } = signInPageQuerySchema.parse(await searchParams);
  if (await getCaller()) redirect(callbackUrl);
  const identityError = identityErrorMessage(error, provider);
  const pending = await pendingLinkNotice();
  const providers = signInProviderButtons();
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
      {identityError && (
        <p role="alert" className="mb-5 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {identityError}
        </p>
      )}
      {pending && (
        <div
          role="status"
          className="mb-5 space-y-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <p>{pending.message}</p>
          {pending.offerReset && (
            <p>
              Its email address was never verified. If it is yours but you do not know its password,{" "}
              <Link href="/forgot-password" className="font-medium underline">
                reset the password
              </Link>{" "}
              in this browser, then sign in.
            </p>
          )}
        </div>
      )}
      <SignInForm callbackUrl={callbackUrl} />
      <PasskeySignIn callbackUrl={callbackUrl} />
      {providers.length > 0 && (
        <div className="mt-6 border-t border-slate-200 pt-6">
          <ProviderButtons providers={providers} action={identitySignInAction} hidden={{ callbackUrl }} />
        </div>
      )}
      {emailSignInEnabled() && <EmailSignInLink callbackUrl={callbackUrl} />}
    </Card>
  );
}
