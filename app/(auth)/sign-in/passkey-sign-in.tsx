"use client";

import {
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { BusyButton } from "@/components/busy-button";
import { idle } from "@/lib/forms/state";
import { callApi, ceremonyMessage } from "@/app/_passkeys/browser";
import { useWebAuthnSupport } from "@/app/_passkeys/use-webauthn";
import { passkeySignInAction } from "../actions";
import { keptAction } from "@/lib/forms/kept-form";

/**
 * "Sign in with a passkey", and passkey autofill: on a browser that can, the username field offers
 * the site's passkeys at once (conditional mediation, `autocomplete="username webauthn"`). Either way
 * the answer is posted to the passkey sign-in action, which opens the session through Auth.js.
 */
export function PasskeySignIn({ callbackUrl }: { callbackUrl: string }) {
  const [state, submit] = useActionState(keptAction(passkeySignInAction), idle);
  const [submitting, startSubmit] = useTransition();
  const [waiting, setWaiting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const supported = useWebAuthnSupport();
  const autofillStarted = useRef(false);

  const finish = (response: unknown) => {
    const form = new FormData();
    form.set("response", JSON.stringify(response));
    form.set("callbackUrl", callbackUrl);
    startSubmit(() => submit(form));
  };

  const ceremony = async (autofill: boolean) => {
    const options = await callApi<PublicKeyCredentialRequestOptionsJSON>("POST", "/api/sessions/passkey/options");
    if (!options.ok) {
      if (!autofill) setProblem(options.message);
      return;
    }
    try {
      const response = await startAuthentication({ optionsJSON: options.data, useBrowserAutofill: autofill });
      setProblem(null);
      finish(response);
    } catch (error) {
      const message = ceremonyMessage(error, "get");
      if (message && !autofill) setProblem(message);
    }
  };

  useEffect(() => {
    if (autofillStarted.current) return;
    autofillStarted.current = true;
    void browserSupportsWebAuthnAutofill().then((yes) => (yes ? ceremony(true) : undefined));
    // Started once per page view; the button starts its own ceremony, which replaces this one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (!supported) return null;
  const busy = waiting || submitting;
  const message = problem ?? (state.status === "error" ? state.message : undefined);
  return (
    <div className="mt-6 space-y-4">
      <div aria-hidden className="flex items-center gap-3 text-xs font-medium tracking-wide text-slate-500 uppercase">
        <span className="h-px flex-1 bg-slate-200" />
        or
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      {/* An alert that exists only with a message: the sign-in form keeps the page's one status region. */}
      {message && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      )}
      <BusyButton
        variant="secondary"
        className="w-full"
        busy={busy}
        busyLabel={submitting ? "Signing in…" : "Waiting for your passkey…"}
        icon={<KeyIcon />}
        onClick={async () => {
          setWaiting(true);
          setProblem(null);
          await ceremony(false);
          setWaiting(false);
        }}
      >
        Sign in with a passkey
      </BusyButton>
    </div>
  );
}

function KeyIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-4">
      <circle cx="8" cy="15" r="4" />
      <path d="M10.8 12.2 20 3m-3 3 2 2m-5 1 2 2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
