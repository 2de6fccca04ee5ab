"use client";

import { ReauthDialog } from "@/app/_reauth/reauth-dialog";
import { useReauthAction } from "@/app/_reauth/use-reauth-action";
import { FormMessage } from "@/components/form-message";
import type { FormState } from "@/lib/forms/state";
import { connectIdentityAction } from "./actions";
import type { ProviderButton } from "./provider-buttons";

const initial: FormState = { status: "idle" };

/**
 * "Connect {provider}" on the connected-accounts page. Connecting needs a fresh proof: outside the
 * re-authentication window "Confirm it is you" opens, and once confirmed the browser goes on to the provider,
 * which is asked to authenticate the person again. It comes back to this page (`?identity=…`).
 */
export function ConnectButtons({
  providers,
  returnTo,
  totp,
  hasPassword,
  passkey,
  username,
}: {
  providers: ProviderButton[];
  returnTo: string;
  totp: boolean;
  hasPassword: boolean;
  passkey: boolean;
  username: string;
}) {
  const { shown, dispatch, pending, reauth } = useReauthAction(connectIdentityAction, initial);
  if (providers.length === 0) return null;
  return (
    <>
      <form action={dispatch} className="space-y-3">
        {shown.message && <FormMessage status={shown.status} message={shown.message} />}
        <input type="hidden" name="returnTo" value={returnTo} />
        <div className="flex flex-wrap gap-3">
          {providers.map((p) => (
            <button
              key={p.id}
              type="submit"
              name="provider"
              value={p.id}
              disabled={pending}
              className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
            >
              Connect {p.name}
            </button>
          ))}
        </div>
      </form>
      <ReauthDialog
        {...reauth}
        totp={totp}
        password={hasPassword}
        passkey={passkey}
        username={username}
        description="Connecting an account needs a fresh proof that it is you. Then you go on to the provider."
      />
    </>
  );
}
