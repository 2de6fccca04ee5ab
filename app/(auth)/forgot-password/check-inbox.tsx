"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Card } from "@/components/card";
import { FormMessage } from "@/components/form-message";
import { LinkButton } from "@/components/link-button";
import { SubmitButton } from "@/components/submit-button";
import { idle } from "@/lib/forms/state";
import { forgotPasswordAction } from "./actions";
import { keptAction } from "@/lib/forms/kept-form";

/** How long "Send it again" waits after each send: a message usually arrives well within it. */
export const RESEND_AFTER_SECONDS = 60;

function lifetime(minutes: number): string {
  if (minutes >= 120 && minutes % 60 === 0) return `${minutes / 60} hours`;
  if (minutes >= 1) return minutes === 1 ? "1 minute" : `${Math.round(minutes)} minutes`;
  return `${Math.max(1, Math.round(minutes * 60))} seconds`;
}

/**
 * What follows "Send me a link": the same words whether or not an account has the address (the action's
 * answer is the same too), the address as typed, how long the link works, a resend that opens after a
 * minute, and one primary step back to sign in.
 */
export function CheckInbox({
  email,
  linkMinutes,
  onOtherAddress,
}: {
  email: string;
  linkMinutes: number;
  onOtherAddress: () => void;
}) {
  const [state, resend] = useActionState(keptAction(forgotPasswordAction), idle);
  const [wait, setWait] = useState(RESEND_AFTER_SECONDS);
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Each successful resend starts the minute again (state adjusted while rendering, not in an effect).
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
            If an account exists for <strong className="break-all text-slate-900">{email}</strong>, we sent it a link to
            choose a new password. The link works for {lifetime(linkMinutes)}, once.
          </p>
          <p>Nothing after a minute? Look in your spam folder, or send it again.</p>
        </div>
        <form action={resend} className="mt-5 space-y-3">
          <FormMessage
            status={state.status}
            message={state.status === "success" ? "Sent again. Only the latest link works." : state.message}
          />
          <input type="hidden" name="email" value={email} />
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
            <button
              type="button"
              onClick={onOtherAddress}
              className="py-2 text-sm font-medium text-brand-700 hover:underline"
            >
              Use another address
            </button>
          </div>
        </form>
        <div className="mt-6 flex justify-end border-t border-slate-200 pt-6">
          <LinkButton href="/sign-in">Back to sign in</LinkButton>
        </div>
      </Card>
    </div>
  );
}
