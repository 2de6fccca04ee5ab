"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Card } from "@/components/card";
import { FormMessage } from "@/components/form-message";
import { LinkButton } from "@/components/link-button";
import { SubmitButton } from "@/components/submit-button";
import { idle, type FormState } from "@/lib/forms/state";
import type { VerificationLink } from "@/lib/verification/link";
import { confirmEmailAction } from "./confirm-action";
import { resendVerificationAction } from "./resend-action";
import { keptAction } from "@/lib/forms/kept-form";

/**
 * The /verify-email page below its decision. Opening the link changes nothing (mail scanners prefetch links):
 * the person presses the button. A dead link shows `dead` (the page's "This link has expired"). An error after
 * the button is a link spent meanwhile (another tab) or an address taken since. One primary next step each.
 */
export function ConfirmEmail({
  token,
  link,
  signedIn,
  dead,
}: {
  token: string;
  link: VerificationLink | null;
  signedIn: boolean;
  dead: React.ReactNode;
}) {
  const [state, confirm] = useActionState(keptAction(confirmEmailAction), idle);
  const [resent, resend] = useActionState(keptAction(resendVerificationAction), idle);
  // What the link was when the page opened: after confirming, the page re-renders with the link spent.
  const [opened] = useState(link);
  if (state.status === "idle" && !link) return dead;
  const address = opened && <strong className="break-all text-slate-900">{opened.email}</strong>;
  return (
    <Card
      title={opened?.change ? "Confirm your new email address" : "Confirm your email"}
      subtitle={
        state.status !== "idle" ? undefined : opened?.change ? (
          <>Make {address} your account&apos;s address. Your other sessions will be signed out.</>
        ) : (
          <>One click tells us that {address} is yours.</>
        )
      }
    >
      <Outcome state={state} token={token} signedIn={signedIn} confirm={confirm} resent={resent} resend={resend} />
    </Card>
  );
}

function Outcome({
  state,
  token,
  signedIn,
  confirm,
  resent,
  resend,
}: {
  state: FormState;
  token: string;
  signedIn: boolean;
  confirm: (form: FormData) => void;
  resent: FormState;
  resend: (form: FormData) => void;
}) {
  if (state.status === "success") {
    return (
      <div className="space-y-5">
        <FormMessage status="success" message={state.message} />
        <div className="flex justify-end">
          <LinkButton href={signedIn ? "/account" : "/sign-in"}>
            {signedIn ? "Go to your account" : "Sign in"}
          </LinkButton>
        </div>
      </div>
    );
  }
  if (state.status === "error") {
    return (
      <div className="space-y-5">
        <FormMessage status="error" message={state.message} />
        {signedIn ? (
          <form action={resend} className="space-y-3">
            <FormMessage status={resent.status} message={resent.message} />
            <div className="flex justify-end">
              <SubmitButton pendingLabel="Sending…">Send me a new link</SubmitButton>
            </div>
          </form>
        ) : (
          <div className="flex flex-col-reverse items-center gap-4 sm:flex-row sm:justify-between">
            <Link href="/" className="inline-block py-2 text-sm font-medium text-brand-700 hover:underline">
              Back to the start
            </Link>
            <LinkButton href="/sign-in?callbackUrl=%2Fverify-email">Sign in to get a new link</LinkButton>
          </div>
        )}
      </div>
    );
  }
  return (
    <form action={confirm} className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Confirming…">Confirm my email</SubmitButton>
      </div>
    </form>
  );
}
