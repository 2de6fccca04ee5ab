"use client";

import { TokenButtonForm } from "../token-button-form";
import { secureAccountAction } from "./actions";

/** The new-device notice's page: its one button signs out everywhere and mails a reset link. */
export function SecureAccountForm({ token }: { token: string }) {
  return (
    <TokenButtonForm
      token={token}
      action={secureAccountAction}
      explanation="This signs out every browser and program signed in to your account, this one too, and emails you a link to choose a new password. Until you choose one, the old password still works: use the link soon."
      submitLabel="Sign out everywhere and reset"
      pendingLabel="Securing…"
      next={{ href: "/sign-in", label: "Go to sign in" }}
    />
  );
}
