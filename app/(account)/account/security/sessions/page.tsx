import type { Metadata } from "next";
import { listAccess } from "@/lib/access/list";
import { hasPasskeys } from "@/lib/passkeys/manage";
import { SecuritySection } from "../section";
import { callerOr } from "../signed-in";
import { AccessList } from "./access-list";

export const metadata: Metadata = { title: "Access to your account" };

/**
 * /account/security/sessions: everything that can act as the account (lib/access/list.ts) — browsers, API tokens,
 * API keys, connected accounts and any administrator's impersonation — newest use first, each with its own
 * Sign out / Revoke / Disconnect, and "Sign out everywhere else" below.
 */
export default async function AccessPage() {
  const caller = await callerOr("/account/security/sessions");
  const [access, passkey] = await Promise.all([
    listAccess(caller.user.id, caller.session.id),
    hasPasskeys(caller.user.id),
  ]);
  return (
    <SecuritySection
      id="sessions-heading"
      title="Access to your account"
      description="Everything that can act as you: browsers, API tokens and keys, connected accounts, and any administrator helping you. Newest use first."
    >
      <AccessList
        access={access}
        totp={caller.user.twoFactor.totp}
        hasPassword={caller.user.hasPassword}
        passkey={passkey}
        username={caller.user.username}
      />
    </SecuritySection>
  );
}
