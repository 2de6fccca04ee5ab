import { TabNav } from "@/components/tab-nav";

/** An organization's tabs: members, invitations (admins and owners), posts, settings (owners). */
export function OrgTabs({ slug, canInvite, isOwner }: { slug: string; canInvite: boolean; isOwner: boolean }) {
  const base = `/organizations/${slug}`;
  const tabs = [
    { href: base, label: "Members" },
    ...(canInvite ? [{ href: `${base}/invitations`, label: "Invitations" }] : []),
    { href: `${base}/posts`, label: "Posts" },
    ...(isOwner ? [{ href: `${base}/settings`, label: "Settings" }] : []),
  ];
  return <TabNav label="Organization" tabs={tabs} className="mb-6" />;
}
