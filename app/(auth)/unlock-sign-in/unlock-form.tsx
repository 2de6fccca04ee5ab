"use client";

import { TokenButtonForm } from "../token-button-form";
import { unlockSignInAction } from "./actions";

/**
 * The unlock link's page. It has already turned a dead link away; an error here is a link spent meanwhile.
 */
export function UnlockForm({ token }: { token: string }) {
  return (
    <TokenButtonForm
      token={token}
      action={unlockSignInAction}
      explanation="If the wrong passwords were yours, lift the pause now. If they were not, your password held; you may still want to choose a new one."
      submitLabel="Unlock sign-in"
      pendingLabel="Unlocking…"
      next={{ href: "/sign-in", label: "Sign in" }}
    />
  );
}
