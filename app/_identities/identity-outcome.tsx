"use client";

import { useSearchParams } from "next/navigation";

/**
 * What came of a round trip to a provider that a signed-in person started (connect an account, or confirm it is
 * them): lib/auth/identity-callback.ts sends the browser back with `?identity=…`, one of a fixed set of outcomes,
 * so the query only picks a sentence. Shown above the page it came back to.
 */
const OUTCOMES: Record<string, { text: string; ok: boolean }> = {
  connected: { ok: true, text: "The account is connected: you can sign in with it from now on." },
  already: { ok: true, text: "That account was already connected to yours." },
  taken: {
    ok: false,
    text: "That account already signs in to another account here, so it was not connected to yours.",
  },
  refused: { ok: false, text: "The account was not connected. Start again with the button." },
  reauthenticated: { ok: true, text: "Confirmed. Do what you were doing again: it will not ask for a while." },
  reauth_refused: {
    ok: false,
    text: "That sign-in did not confirm it is you: it was not a fresh sign-in with an account connected to yours.",
  },
};

export function IdentityOutcome() {
  const outcome = OUTCOMES[useSearchParams().get("identity") ?? ""];
  if (!outcome) return null;
  return (
    <p
      role={outcome.ok ? "status" : "alert"}
      className={`mx-auto mb-6 w-full max-w-2xl rounded-lg border px-3 py-2 text-sm ${
        outcome.ok ? "border-emerald-200 bg-emerald-50 text-emerald-800" : "border-red-200 bg-red-50 text-red-800"
      }`}
    >
      {outcome.text}
    </p>
  );
}
