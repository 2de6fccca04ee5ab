import { atLeast } from "@/lib/organizations/roles";
import { memberOrNotFound } from "@/app/_organizations/member-of";
import { OrgTabs } from "@/app/_organizations/org-tabs";
import { RoleBadge } from "@/app/_organizations/role-badge";

// The organization's name and tabs only: every page below checks the membership itself
// (a layout is not re-run on client navigation, so it is never the security check).
export default async function OrganizationLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { organization, role } = await memberOrNotFound(slug);
  return (
    <div className="mx-auto w-full max-w-3xl">
      <header className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{organization.name}</h1>
        <RoleBadge role={role} />
      </header>
      <OrgTabs slug={organization.slug} canInvite={atLeast(role, "admin")} isOwner={role === "owner"} />
      {children}
    </div>
  );
}
