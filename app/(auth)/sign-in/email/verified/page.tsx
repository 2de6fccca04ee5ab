import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { LinkButton } from "@/components/link-button";
import { getCaller } from "@/lib/auth/caller";
import { signInPageQuerySchema } from "@/lib/auth/schemas";

export const metadata: Metadata = { title: "Email address confirmed" };

/**
 * Where the first sign-in by email to an account with an unconfirmed address lands: it says what that sign-in did
 * (lib/auth/email-sign-in.ts: address verified, password removed, every other session signed out).
 */
export default async function EmailVerifiedPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = signInPageQuerySchema.parse(await searchParams);
  if (!(await getCaller())) redirect("/sign-in");
  return (
    <Card title="Your email address is confirmed">
      <div className="space-y-4 text-sm text-slate-700" role="status">
        <p>
          Signing in by email proved the address is yours. Because it had not been confirmed before, someone else could
          have registered it with a password of their own, so that password was removed (with any passkeys, two-factor
          and connected sign-ins set up before) and every other session was signed out.
        </p>
        <p>Set a new password now if you want one, or keep signing in by email.</p>
      </div>
      <div className="mt-6 flex flex-col-reverse items-center gap-4 sm:flex-row sm:justify-between">
        <LinkButton href={callbackUrl} variant="secondary">
          Continue
        </LinkButton>
        <LinkButton href="/account/security/password">Set a password</LinkButton>
      </div>
    </Card>
  );
}
