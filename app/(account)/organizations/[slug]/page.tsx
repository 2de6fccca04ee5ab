import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listMembers } from "@/lib/organizations/read";
import { memberOrNotFound } from "@/app/_organizations/member-of";
import { MembersList } from "@/app/_organizations/members-list";

export const metadata: Metadata = { title: "Organization" };

/** /organizations/{slug}: its members with their roles (to members only; anyone else gets the 404 page). */
export default async function OrganizationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { caller, organization, role } = await memberOrNotFound(slug);
  const members = await listMembers(organization.slug, caller.user.id);
  if (!members.ok) notFound();
  return (
    <section
      aria-labelledby="members-heading"
      className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
    >
      <h2 id="members-heading" className="text-lg font-semibold text-slate-900">
        Members ({members.value.length})
      </h2>
      <MembersList slug={organization.slug} me={{ id: caller.user.id, role }} members={members.value} />
    </section>
  );
}
