import { AccountNav } from "@/components/account-nav";
import { VerifyBanner } from "@/components/verify-banner";
import { getCaller } from "@/lib/auth/caller";
import { resendVerificationAction } from "../../(auth)/verify-email/resend-action";

// Navigation and the unconfirmed-email banner only: every page below checks its caller itself
// (a layout is not re-run on client navigation, so it is never the security check).
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const caller = await getCaller();
  return (
    <>
      {caller && !caller.user.emailVerified && (
        <VerifyBanner email={caller.user.email} resend={resendVerificationAction} />
      )}
      <AccountNav />
      {children}
    </>
  );
}
