import type { OrgRole } from "@/lib/organizations/roles";

const LOOK: Record<OrgRole, string> = {
  owner: "bg-brand-50 text-brand-700",
  admin: "bg-amber-50 text-amber-800",
  member: "bg-slate-100 text-slate-700",
};

/** A role as a small badge ("Owner", "Admin", "Member"). */
export function RoleBadge({ role }: { role: OrgRole }) {
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${LOOK[role]}`}>
      {ROLE_NAMES[role]}
    </span>
  );
}

export const ROLE_NAMES: Record<OrgRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };
