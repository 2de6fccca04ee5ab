"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type Tab = { href: string; label: string };

/**
 * A row of tabs as links, the current one marked for sight and for screen readers: a tab is current on its own
 * path and, except the first (the section's root), on the paths below it.
 */
export function TabNav({ label, tabs, className = "" }: { label: string; tabs: Tab[]; className?: string }) {
  const pathname = usePathname();
  const root = tabs[0]?.href;
  return (
    <nav aria-label={label} className={`w-full overflow-x-auto ${className}`}>
      <ul className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => {
          const current = pathname === tab.href || (tab.href !== root && pathname.startsWith(`${tab.href}/`));
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
