import Link from "next/link";
import { adminPageCaller } from "./admin-caller";

/** The console's frame: its two sections. Each page checks the role again (layouts and pages render apart). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await adminPageCaller();
  const tab = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900";
  return (
    <div className="mx-auto w-full max-w-5xl space-y-6">
      <nav aria-label="Admin" className="flex flex-wrap items-center gap-1 border-b border-slate-200 pb-3">
        <span className="mr-2 text-sm font-semibold text-slate-900">Admin</span>
        <Link href="/admin" className={tab}>
          Users
        </Link>
        <Link href="/admin/events" className={tab}>
          Events
        </Link>
      </nav>
      {children}
    </div>
  );
}
