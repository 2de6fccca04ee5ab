import { AccountNav } from "@/components/account-nav";

// Navigation only: every page below checks its caller itself (a layout is not re-run on navigation).
export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <AccountNav />
      {children}
    </>
  );
}
