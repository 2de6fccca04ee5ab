"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** An organization's tabs (members, invitations, posts, settings), the current one marked for screen readers. */
export function OrgTabs({ slug, canInvite, isOwner }: { slug: string; canInvite: boolean; isOwner: boolean }) {
  const pathname = usePathname();
  const base = `/organizations/${slug}`;
  const tabs = [
    { href: base, label: "Members" },
    ...(canInvite ? [{ href: `${base}/invitations`, label: "Invitations" }] : []),
    { href: `${base}/posts`, label: "Posts" },
    ...(isOwner ? [{ href: `${base}/settings`, label: "Settings" }] : []),
  ];
  return (
    <nav aria-label="Organization" className="mb-6 w-full overflow-x-auto">
      <ul className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => {
          const current = pathname === tab.href || (tab.href !== base && pathname.startsWith(`${tab.href}/`));
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
