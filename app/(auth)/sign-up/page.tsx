import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { getCaller } from "@/lib/auth/caller";
import { signInProviderButtons } from "@/lib/auth/identity-messages";
import { identitySignInAction } from "@/app/_identities/actions";
import { ProviderButtons } from "@/app/_identities/provider-buttons";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getCaller()) redirect("/account");
  const providers = signInProviderButtons();
  return (
    <Card title="Create an account" subtitle="It takes a minute. You can fill in your profile now or later.">
      {providers.length > 0 && (
        <div className="mb-6 border-b border-slate-200 pb-6">
          <ProviderButtons providers={providers} action={identitySignInAction} hidden={{ callbackUrl: "/account" }} />
        </div>
      )}
      <SignUpForm />
    </Card>
  );
}
