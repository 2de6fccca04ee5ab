"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import { ReauthForm } from "./reauth-form";

/**
 * The proof asked in place, as a section of the page (ReauthGate, and forms of other areas that show it
 * after a `reauthentication_required` answer). Sensitive actions of the account's own pages ask in a
 * dialog instead, when they start (ReauthDialog with useReauthAction), and carry on by themselves.
 * `onConfirmed` runs once the proof is accepted (default: refresh the page, whose server components then
 * see a fresh session).
 */
export function ReauthPrompt({
  totp = false,
  password = true,
  username,
  title = "Confirm it is you",
  description = password
    ? "For your security, enter your password again before making this change."
    : "For your security, confirm it is you again before making this change.",
  onConfirmed,
  passkey,
  headingLevel = 3,
}: {
  /** The title's heading level: 3 inside a page's section (the default), 2 where the page has no sections. */
  headingLevel?: 2 | 3;
  totp?: boolean;
  /** Whether the account has a password (ReauthForm). */
  password?: boolean;
  passkey?: boolean;
  username?: string;
  title?: string;
  description?: string;
  onConfirmed?: () => void;
}) {
  const router = useRouter();
  const headingId = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-amber-200 bg-amber-50/60 p-4 sm:p-5">
      <Heading id={headingId} className="text-sm font-semibold text-slate-900">
        {title}
      </Heading>
      <p className="mt-1 text-sm text-slate-700">{description}</p>
      <ReauthForm
        totp={totp}
        password={password}
        passkey={passkey}
        username={username}
        onConfirmed={onConfirmed ?? (() => router.refresh())}
      />
    </section>
  );
}
