"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { SECURITY_PAGES } from "./sections";

const GROUPED = SECURITY_PAGES.filter((p) => p.group);
const BEFORE = SECURITY_PAGES.slice(0, SECURITY_PAGES.indexOf(GROUPED[0]!));
const AFTER = SECURITY_PAGES.slice(SECURITY_PAGES.indexOf(GROUPED.at(-1)!) + 1);

/**
 * Where the security pages are: a side rail from `md` up, a select on phones (seven links do not fit across
 * 375 px, and a select shows the current page in one line). The current page is marked for screen readers too.
 */
export function SecurityNav() {
  const pathname = usePathname();
  const router = useRouter();
  const link = (href: string, label: string) => {
    const current = pathname === href;
    return (
      <li key={href}>
        <Link
          href={href}
          aria-current={current ? "page" : undefined}
          className={`block rounded-md px-3 py-2 text-sm ${
            current
              ? "bg-slate-100 font-semibold text-slate-900"
              : "text-slate-600 hover:bg-slate-50 hover:text-slate-900"
          }`}
        >
          {label}
        </Link>
      </li>
    );
  };
  return (
    <>
      <nav aria-label="Security" className="hidden md:block">
        <ul className="space-y-0.5">{BEFORE.map((p) => link(p.href, p.label))}</ul>
        <p className="mt-4 mb-1 px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">Sign-in methods</p>
        <ul className="space-y-0.5">{GROUPED.map((p) => link(p.href, p.label))}</ul>
        <ul className="mt-4 space-y-0.5 border-t border-slate-200 pt-4">{AFTER.map((p) => link(p.href, p.label))}</ul>
      </nav>
      <div className="mx-auto mb-6 w-full max-w-2xl md:hidden">
        <label htmlFor="security-section" className="block text-sm font-medium text-slate-800">
          Security section
        </label>
        <select
          id="security-section"
          value={SECURITY_PAGES.some((p) => p.href === pathname) ? pathname : SECURITY_PAGES[0]!.href}
          onChange={(event) => router.push(event.target.value)}
          className="mt-1.5 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm"
        >
          {BEFORE.map((p) => (
            <option key={p.href} value={p.href}>
              {p.label}
            </option>
          ))}
          <optgroup label="Sign-in methods">
            {GROUPED.map((p) => (
              <option key={p.href} value={p.href}>
                {p.label}
              </option>
            ))}
          </optgroup>
          {AFTER.map((p) => (
            <option key={p.href} value={p.href}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
