import type { ReactNode } from "react";
import { isRecentlyAuthenticated } from "@/lib/security/recent-auth";
import type { Caller } from "@/lib/sessions/resolve";
import { ReauthPrompt } from "./reauth-prompt";

/**
 * A server component around a sensitive part of a page: with a recent sign-in or re-authentication
 * (REAUTH_MINUTES) it shows `children`; otherwise the prompt, which refreshes the page once confirmed.
 * The actions behind `children` still call requireRecentAuth themselves.
 */
export function ReauthGate({
  caller,
  children,
  description,
  totp = false,
}: {
  caller: Caller;
  children: ReactNode;
  description?: string;
  /** Whether the account can answer with an authenticator-app code. */
  totp?: boolean;
}) {
  if (isRecentlyAuthenticated(caller)) return <>{children}</>;
  return (
    <ReauthPrompt
      totp={totp}
      password={caller.user.hasPassword}
      username={caller.user.username}
      description={description}
    />
  );
}
