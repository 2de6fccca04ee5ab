import type { Metadata } from "next";
import { DeleteAccountForm } from "../delete-account-form";
import { SecuritySection } from "../section";
import { callerOr } from "../signed-in";

export const metadata: Metadata = { title: "Delete account" };

export default async function DeletePage() {
  await callerOr("/account/security/delete");
  return (
    <SecuritySection
      id="delete-heading"
      tone="danger"
      title="Delete account"
      description="This deletes your account, your profile and every session at once. It cannot be undone."
    >
      <DeleteAccountForm />
    </SecuritySection>
  );
}
