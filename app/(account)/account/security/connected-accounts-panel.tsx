import { ConnectButtons } from "@/app/_identities/connect-buttons";
import { signInProviderButtons } from "@/lib/auth/identity-messages";
import { listIdentities } from "@/lib/identities/manage";
import { hasPasskeys } from "@/lib/passkeys/manage";
import type { Caller } from "@/lib/sessions/resolve";
import { ConnectedAccounts } from "./connected-accounts";
import { SecuritySection } from "./section";

/**
 * /account/security/connected: the accounts at identity providers that sign in to this one (provider, the address
 * it gave, connected, last used), each with "Disconnect" (after a fresh proof; never the last way in).
 * Below them, "Connect {provider}" for each configured provider (after a fresh proof, app/_identities/).
 */
export async function ConnectedAccountsPanel({ caller }: { caller: Caller }) {
  const [identities, passkey] = await Promise.all([listIdentities(caller.user.id), hasPasskeys(caller.user.id)]);
  const providers = signInProviderButtons();
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
      {providers.length > 0 && (
        <div className="mt-5 border-t border-slate-200 pt-5">
          <ConnectButtons
            providers={providers}
            returnTo="/account/security/connected"
            totp={caller.user.twoFactor.totp}
            hasPassword={caller.user.hasPassword}
            passkey={passkey}
            username={caller.user.username}
          />
        </div>
      )}
    </SecuritySection>
  );
}
