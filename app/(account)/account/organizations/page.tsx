import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LinkButton } from "@/components/link-button";
import { getCaller } from "@/lib/auth/caller";
import { listMyOrganizations } from "@/lib/organizations/read";
import { RoleBadge } from "@/app/_organizations/role-badge";

export const metadata: Metadata = { title: "Organizations" };

/** /account/organizations: the caller's organizations with their role in each, and "New organization". */
export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const caller = await getCaller();
  if (!caller) redirect("/sign-in?callbackUrl=/account/organizations");
  const [organizations, query] = await Promise.all([listMyOrganizations(caller.user.id), searchParams]);
  const notice = query.deleted ? "The organization was deleted." : query.left ? "You left the organization." : null;
  return (
    <section
      aria-labelledby="organizations-heading"
      className="mx-auto w-full max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="organizations-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
          Organizations
        </h1>
        <LinkButton href="/account/organizations/new">New organization</LinkButton>
      </div>
      <p className="mt-1 text-sm text-slate-600">Teams you belong to, and your role in each.</p>
      {notice && (
        <p role="status" className="mt-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      )}
      {organizations.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">You are not in any organization yet.</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200">
          {organizations.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div className="min-w-0">
                <Link
                  href={`/organizations/${o.slug}`}
                  className="font-medium break-words text-brand-700 hover:underline"
                >
                  {o.name}
                </Link>
                <p className="text-xs break-all text-slate-500">{o.slug}</p>
              </div>
              <RoleBadge role={o.role} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
