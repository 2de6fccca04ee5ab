import { SecurityNav } from "./security-nav";

/**
 * The security pages: the rail (or, on phones, a select) beside one page at a time. Each page checks its caller
 * itself (a layout is not re-run on client navigation, so it is never the security check).
 */
export default function SecurityLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-4xl md:grid md:grid-cols-[13rem_minmax(0,1fr)] md:items-start md:gap-8">
      <SecurityNav />
      <div className="min-w-0 space-y-6">{children}</div>
    </div>
  );
}
