import { Panel } from "@/components/panel";
import { listMyOrganizations } from "@/lib/organizations/read";
import { RoleBadge } from "@/app/_organizations/role-badge";

/** The console's view of the organizations an account belongs to, with its role in each. */
export async function OrganizationsPanel({ userId }: { userId: string }) {
  const organizations = await listMyOrganizations(userId);
  return (
    <Panel title="Organizations" description="Organizations this account belongs to, and its role in each.">
      {organizations.length === 0 ? (
        <p className="text-sm text-slate-600">No organizations.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {organizations.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
              <span className="min-w-0 break-words text-slate-900">
                {o.name} <code className="text-xs text-slate-700">{o.slug}</code>
              </span>
              <RoleBadge role={o.role} />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
