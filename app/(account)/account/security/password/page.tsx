import type { Metadata } from "next";
import { ChangePasswordForm } from "../change-password-form";
import { SecuritySection } from "../section";
import { callerOr } from "../signed-in";

export const metadata: Metadata = { title: "Change password" };

export default async function PasswordPage() {
  const caller = await callerOr("/account/security/password");
  return (
    <SecuritySection
      id="password-heading"
      title="Change password"
      description="Every other session of your account is signed out when you change it."
    >
      <ChangePasswordForm username={caller.user.username} />
    </SecuritySection>
  );
}
