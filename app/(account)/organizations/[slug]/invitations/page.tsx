import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { InvitationForm } from "@/app/_organizations/invitation-form";
import { InvitationList } from "@/app/_organizations/invitation-list";
import { getCaller } from "@/lib/auth/caller";
import { listInvitations } from "@/lib/organizations/invitations";
import { membershipBySlug } from "@/lib/organizations/membership";
import { atLeast, ORG_ROLES } from "@/lib/organizations/roles";

export const metadata: Metadata = { title: "Invitations" };

/**
 * /organizations/{slug}/invitations: the invite form (email + role, only the roles the caller may grant) and the
 * pending invitations with "Revoke", for admins and owners. The page checks the membership itself (a layout is
 * never the security check): a non-member gets the same 404 as an unknown slug; a member is told who manages them.
 */
export default async function InvitationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const caller = await getCaller();
  if (!caller) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/organizations/${slug}/invitations`)}`);
  const membership = await membershipBySlug(slug, caller.user.id);
  if (!membership) notFound();
  const { organization, role } = membership;
  const pending = atLeast(role, "admin") ? await listInvitations(caller, slug) : null;
  return (
    // The layout heads the page with the organization's name (h1) and its tabs; the parts below have their h2.
    <section
      aria-label="Invitations"
      className="space-y-8 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
    >
      {pending?.ok ? (
        <>
          <InvitationForm slug={organization.slug} roles={ORG_ROLES.filter((r) => atLeast(role, r))} />
          <InvitationList slug={organization.slug} invitations={pending.value} />
        </>
      ) : (
        <p className="text-sm text-slate-700">Only the organization&apos;s admins and owners invite people.</p>
      )}
    </section>
  );
}
