"use client";

import { usePathname } from "next/navigation";
import { TabNav } from "./tab-nav";

const TABS = [
  { href: "/account", label: "Overview" },
  { href: "/account/profile", label: "Edit profile" },
  { href: "/account/security", label: "Security" },
  { href: "/account/organizations", label: "Organizations" },
];

/**
 * The account pages' tabs (Security also current on its sub-pages). The security pages are wider (a rail beside
 * the page), so the tabs line up with them there.
 */
export function AccountNav() {
  const security = usePathname().startsWith("/account/security");
  return <TabNav label="Account" tabs={TABS} className={`mx-auto mb-6 ${security ? "max-w-4xl" : "max-w-2xl"}`} />;
}
