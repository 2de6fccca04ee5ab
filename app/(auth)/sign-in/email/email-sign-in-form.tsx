"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { Card } from "@/components/card";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { useKeptForm, keptAction } from "@/lib/forms/kept-form";
import { idle } from "@/lib/forms/state";
import { requestEmailSignInAction } from "./actions";
import { CodeForm } from "./code-form";

/** The email sign-in page: the form, which gives way to "Check your inbox" (with the code form) once asked. */
export function EmailSignIn({ callbackUrl }: { callbackUrl: string }) {
  const [round, setRound] = useState(0);
  const [lastLogin, setLastLogin] = useState("");
  return (
    <AskForm
      key={round}
      login={lastLogin}
      callbackUrl={callbackUrl}
      onOther={(login) => {
        setLastLogin(login);
        setRound((r) => r + 1);
      }}
    />
  );
}

function AskForm({
  login,
  callbackUrl,
  onOther,
}: {
  login: string;
  callbackUrl: string;
  onOther: (login: string) => void;
}) {
  const { state, errors, formProps } = useKeptForm(requestEmailSignInAction);
  const sentTo = state.status === "success" ? (state.values?.login ?? "").trim() : null;
  if (sentTo !== null) return <CheckInbox login={sentTo} callbackUrl={callbackUrl} onOther={() => onOther(sentTo)} />;
  return (
    <Card
      title="Sign in by email"
      subtitle="We will email you a link and a code. Either signs you in, once, within 15 minutes."
    >
      <form {...formProps} className="space-y-5">
        <FormMessage status={state.status} message={state.message} />
        <Field
          label="Username or email"
          name="login"
          autoComplete="username"
          required
          defaultValue={state.values?.login ?? login}
          errors={errors("login")}
        />
        <div className="flex flex-col-reverse items-center gap-4 sm:flex-row sm:justify-between">
          <Link
            href={`/sign-in?${new URLSearchParams({ callbackUrl })}`}
            className="inline-block py-2 text-sm font-medium text-brand-700 hover:underline"
          >
            Sign in with a password
          </Link>
          <SubmitButton pendingLabel="Sending…">Email me a sign-in link</SubmitButton>
        </div>
      </form>
    </Card>
  );
}

const RESEND_AFTER_SECONDS = 60;

/** After asking: the same words whether or not an account matched, the code form, and a resend after a minute. */
function CheckInbox({ login, callbackUrl, onOther }: { login: string; callbackUrl: string; onOther: () => void }) {
  const [state, resend] = useActionState(keptAction(requestEmailSignInAction), idle);
  const [wait, setWait] = useState(RESEND_AFTER_SECONDS);
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.status === "success") setWait(RESEND_AFTER_SECONDS);
  }
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);
  return (
    <div ref={heading} tabIndex={-1} className="outline-none">
      <Card title="Check your inbox">
        <div className="space-y-4 text-sm text-slate-700">
          <p>
            If an account matches <strong className="break-all text-slate-900">{login}</strong>, we sent a sign-in link
            and an 8-digit code to its email address. They work once, for 15 minutes.
          </p>
          <p>Open the link in this browser, or type the code here (or on any other device).</p>
        </div>
        <div className="mt-5">
          <CodeForm login={login} callbackUrl={callbackUrl} />
        </div>
        <form action={resend} className="mt-6 space-y-3 border-t border-slate-200 pt-6">
          <FormMessage
            status={state.status}
            message={state.status === "success" ? "Sent again. Only the latest link and code work." : state.message}
          />
          <input type="hidden" name="login" value={login} />
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            {wait > 0 ? (
              <button
                type="button"
                disabled
                className="rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-600 shadow-sm"
              >
                Send it again in {wait} s
              </button>
            ) : (
              <SubmitButton variant="secondary" pendingLabel="Sending…">
                Send it again
              </SubmitButton>
            )}
            <button type="button" onClick={onOther} className="py-2 text-sm font-medium text-brand-700 hover:underline">
              Use another address
            </button>
          </div>
        </form>
      </Card>
    </div>
  );
}
