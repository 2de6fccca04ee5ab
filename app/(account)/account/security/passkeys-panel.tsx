import { listPasskeys } from "@/lib/passkeys/manage";
import type { Caller } from "@/lib/sessions/resolve";
import { PasskeyControls } from "./passkey-controls";
import { SecuritySection } from "./section";

/** /account/security/passkeys: the account's passkeys, add (after a fresh proof), rename, remove. */
export async function PasskeysPanel({ caller }: { caller: Caller }) {
  const passkeys = await listPasskeys(caller.user.id);
  return (
    <SecuritySection
      id="passkeys-heading"
      title="Passkeys"
      description="Sign in with your fingerprint, face, screen lock or a security key instead of your password. A passkey is two factors by itself."
    >
      <PasskeyControls
        passkeys={passkeys}
        totp={caller.user.twoFactor.totp}
        hasPassword={caller.user.hasPassword}
        username={caller.user.username}
      />
    </SecuritySection>
  );
}
