import type { Metadata } from "next";
import { listApiKeys } from "@/lib/api-keys/list";
import { hasPasskeys } from "@/lib/passkeys/manage";
import { SecuritySection } from "../section";
import { callerOr } from "../signed-in";
import { ApiKeys } from "./api-keys";

export const metadata: Metadata = { title: "API keys" };

/**
 * /account/security/api-keys: the account's keys (name, prefix, scopes, created, last used, expires), each with
 * "Revoke", and "Create a key" (after a fresh proof): the key is shown once, with a copy button.
 */
export default async function ApiKeysPage() {
  const caller = await callerOr("/account/security/api-keys");
  const [keys, passkey] = await Promise.all([listApiKeys(caller.user.id), hasPasskeys(caller.user.id)]);
  return (
    <SecuritySection
      id="api-keys-heading"
      title="API keys"
      description="Keys let a program act for you, only within the scopes you give them. Revoke one you no longer use."
    >
      <ApiKeys
        keys={keys}
        totp={caller.user.twoFactor.totp}
        hasPassword={caller.user.hasPassword}
        passkey={passkey}
        username={caller.user.username}
      />
    </SecuritySection>
  );
}
