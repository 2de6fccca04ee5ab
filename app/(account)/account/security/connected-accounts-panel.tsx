import type { ReactNode } from "react";
import { listIdentities } from "@/lib/identities/manage";
import { hasPasskeys } from "@/lib/passkeys/manage";
import type { Caller } from "@/lib/sessions/resolve";
import { ConnectedAccounts } from "./connected-accounts";
import { SecuritySection } from "./section";

/**
 * /account/security/connected: the accounts at identity providers that sign in to this one (provider, the address
 * it gave, connected, last used), each with "Disconnect" (after a fresh proof; never the last way in).
 * `connect`: the "Connect …" buttons of the configured providers (helper A's server action; see the slot below).
 */
export async function ConnectedAccountsPanel({ caller, connect }: { caller: Caller; connect?: ReactNode }) {
  const [identities, passkey] = await Promise.all([listIdentities(caller.user.id), hasPasskeys(caller.user.id)]);
  return (
    <SecuritySection
      id="connected-heading"
      title="Connected accounts"
      description="Accounts at other services you can sign in with. Disconnecting one does not touch the account there."
    >
      <ConnectedAccounts
        identities={identities}
        totp={caller.user.twoFactor.totp}
        hasPassword={caller.user.hasPassword}
        passkey={passkey}
        username={caller.user.username}
      />
      {/* SLOT for helper A: the "Connect …" buttons (one per configured provider, calling A's connect action). */}
      {connect && <div className="mt-5 border-t border-slate-200 pt-5">{connect}</div>}
    </SecuritySection>
  );
}
