"use client";

import Link from "next/link";
import { useState } from "react";
import { Card } from "@/components/card";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm } from "@/lib/forms/kept-form";
import { forgotPasswordAction } from "./actions";
import { CheckInbox } from "./check-inbox";

/** The forgot-password page: the form, which gives way to "Check your inbox" once the link is asked for. */
export function ForgotPassword({ linkMinutes }: { linkMinutes: number }) {
  // A new round (after "Use another address") is a fresh form with its own action state.
  const [round, setRound] = useState(0);
  const [lastEmail, setLastEmail] = useState("");
  return (
    <ForgotPasswordForm
      key={round}
      email={lastEmail}
      linkMinutes={linkMinutes}
      onOtherAddress={(email) => {
        setLastEmail(email);
        setRound((r) => r + 1);
      }}
    />
  );
}

function ForgotPasswordForm({
  email,
  linkMinutes,
  onOtherAddress,
}: {
  email: string;
  linkMinutes: number;
  onOtherAddress: (email: string) => void;
}) {
  const { state, errors, formProps } = useKeptForm(forgotPasswordAction);
  const sentTo = state.status === "success" ? (state.values?.email ?? "").trim() : null;
  if (sentTo !== null) {
    return <CheckInbox email={sentTo} linkMinutes={linkMinutes} onOtherAddress={() => onOtherAddress(sentTo)} />;
  }
  return (
    <Card
      title="Forgot your password?"
      subtitle="Enter the email address of your account and we will send you a link to choose a new one."
    >
      <form {...formProps} className="space-y-5">
        <FormMessage status={state.status} message={state.message} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email ?? email}
          errors={errors("email")}
        />
        <div className="flex flex-col-reverse items-center gap-4 sm:flex-row sm:justify-between">
          <Link href="/sign-in" className="inline-block py-2 text-sm font-medium text-brand-700 hover:underline">
            Back to sign in
          </Link>
          <SubmitButton pendingLabel="Sending…">Send me a link</SubmitButton>
        </div>
      </form>
    </Card>
  );
}
