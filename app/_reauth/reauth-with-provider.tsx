"use client";

import { useEffect, useState } from "react";
import { reauthProvidersAction, reauthWithIdentityAction } from "@/app/_identities/actions";
import { ProviderButtons, type ProviderButton } from "@/app/_identities/provider-buttons";

/**
 * "Continue with {provider}" in "Confirm it is you", for an account with a connected identity whose
 * provider reports `auth_time`: a fresh sign-in at the provider (asked with `prompt=login`, `max_age=0`)
 * renews the session's proof, and the browser comes back to this page to carry on.
 */
export function ReauthWithProvider() {
  const [found, setFound] = useState<{ providers: ProviderButton[]; returnTo: string } | null>(null);
  useEffect(() => {
    void reauthProvidersAction().then(
      (providers) => setFound({ providers, returnTo: window.location.pathname + window.location.search }),
      () => setFound(null),
    );
  }, []);
  if (!found || found.providers.length === 0) return null;
  const { providers, returnTo } = found;
  return (
    <div className="mt-4 border-t border-slate-200 pt-4">
      <ProviderButtons providers={providers} action={reauthWithIdentityAction} hidden={{ returnTo }} />
    </div>
  );
}
