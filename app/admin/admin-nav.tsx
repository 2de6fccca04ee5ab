"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/admin", label: "Users", match: (p: string) => p === "/admin" || p.startsWith("/admin/users") },
  { href: "/admin/events", label: "Events", match: (p: string) => p.startsWith("/admin/events") },
  { href: "/admin/webhooks", label: "Webhooks", match: (p: string) => p.startsWith("/admin/webhooks") },
];

/** The console's tabs; the one being looked at is marked (aria-current="page"), an account's page under Users. */
export function AdminNav() {
  const path = usePathname();
  return (
    <nav aria-label="Admin" className="flex flex-wrap items-center gap-1 border-b border-slate-200 pb-3">
      <span className="mr-2 text-sm font-semibold text-slate-900">Admin</span>
      {TABS.map((t) => {
        const current = t.match(path);
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={current ? "page" : undefined}
            className={`inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium sm:min-h-9 ${
              current
                ? "bg-brand-50 text-brand-700 ring-1 ring-brand-100"
                : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
            }`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
