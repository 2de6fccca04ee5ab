import type { Metadata } from "next";
import { getCaller } from "@/lib/auth/caller";
import { ChangePasswordForm } from "../change-password-form";
import { SecuritySection } from "../section";
import { callerOr } from "../signed-in";

export async function generateMetadata(): Promise<Metadata> {
  const caller = await getCaller();
  return { title: caller && !caller.user.hasPassword ? "Set a password" : "Change password" };
}

/** Change the password, or, for an account without one, set a first one (after a fresh proof). */
export default async function PasswordPage() {
  const caller = await callerOr("/account/security/password");
  const { username, hasPassword, twoFactor } = caller.user;
  return (
    <SecuritySection
      id="password-heading"
      title={hasPassword ? "Change password" : "Set a password"}
      description={
        hasPassword
          ? "Every other session of your account is signed out when you change it."
          : "Your account has no password yet. With one, you can also sign in with your username or email and a password. Every other session of your account is signed out when you set it."
      }
    >
      <ChangePasswordForm username={username} hasPassword={hasPassword} totp={twoFactor.totp} />
    </SecuritySection>
  );
}
