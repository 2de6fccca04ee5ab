"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/account", label: "Overview" },
  { href: "/account/profile", label: "Edit profile" },
  { href: "/account/security", label: "Security" },
  { href: "/account/organizations", label: "Organizations" },
];

/**
 * The account pages' tabs, the current one marked for sight and for screen readers (Security also on its
 * sub-pages). The security pages are wider (a rail beside the page), so the tabs line up with them there.
 */
export function AccountNav() {
  const pathname = usePathname();
  const security = pathname.startsWith("/account/security");
  return (
    <nav aria-label="Account" className={`mx-auto mb-6 w-full overflow-x-auto ${security ? "max-w-4xl" : "max-w-2xl"}`}>
      <ul className="flex gap-1 border-b border-slate-200">
        {TABS.map((tab) => {
          const current = pathname === tab.href || (tab.href !== "/account" && pathname.startsWith(`${tab.href}/`));
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                className={`-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${
                  current
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
