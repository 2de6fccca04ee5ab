import type { Metadata } from "next";
import { memberOrNotFound } from "@/app/_organizations/member-of";
import { DeleteOrganization, RenameForm } from "@/app/_organizations/settings-forms";

export const metadata: Metadata = { title: "Organization settings" };

const panel = "rounded-2xl border bg-white p-6 shadow-sm sm:p-8";

/** /organizations/{slug}/settings: rename and delete, for owners (others read why they cannot). */
export default async function OrganizationSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { caller, organization, role } = await memberOrNotFound(slug, "/settings");
  if (role !== "owner") {
    return (
      <section className={`${panel} border-slate-200`} aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="text-lg font-semibold text-slate-900">
          Settings
        </h2>
        <p className="mt-2 text-sm text-slate-600">Only the organization&apos;s owners can rename or delete it.</p>
      </section>
    );
  }
  return (
    <div className="space-y-6">
      <section className={`${panel} border-slate-200`} aria-labelledby="rename-heading">
        <h2 id="rename-heading" className="mb-4 text-lg font-semibold text-slate-900">
          Name
        </h2>
        <RenameForm slug={organization.slug} name={organization.name} />
      </section>
      <section className={`${panel} border-red-200`} aria-labelledby="delete-heading">
        <h2 id="delete-heading" className="text-lg font-semibold text-red-800">
          Delete organization
        </h2>
        <p className="mt-2 mb-4 text-sm text-slate-600">
          Deleting removes every membership, pending invitation and post of the organization. It cannot be undone.
        </p>
        <DeleteOrganization
          slug={organization.slug}
          username={caller.user.username}
          hasPassword={caller.user.hasPassword}
          totp={caller.user.twoFactor.totp}
        />
      </section>
    </div>
  );
}
