"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { publicFormAction, signedInFormAction } from "@/lib/forms/action";
import { acceptInvitation, declineInvitation } from "@/lib/organizations/invitation-accept";
import { inviteMember, revokeInvitation } from "@/lib/organizations/invitations";

// Each action hands the caller to lib/organizations, which checks the membership and role in its statements:
// a replayed action with another account's session, or for another organization, is refused there.

export const inviteAction = signedInFormAction(
  { fields: ["slug", "email", "role"] },
  async ({ slug, email, role }, { caller, client }) => {
    const result = await inviteMember(caller, slug, { email, role }, client);
    if (!result.ok) return result;
    revalidatePath(`/organizations/${slug}/invitations`);
    return { status: "success", message: `Invitation sent to ${result.value.email}.` };
  },
);

export const revokeInvitationAction = signedInFormAction(
  { fields: ["slug", "id"] },
  async ({ slug, id }, { caller }) => {
    const result = await revokeInvitation(caller, slug, id);
    if (!result.ok) return result;
    revalidatePath(`/organizations/${slug}/invitations`);
    return { status: "success", message: "Invitation revoked: its link no longer works." };
  },
);

export const acceptInvitationAction = signedInFormAction(
  { fields: ["token"] },
  async ({ token }, { caller, client }) => {
    const result = await acceptInvitation(caller, { token }, client);
    if (!result.ok) return result;
    redirect(`/organizations/${result.value.slug}`);
  },
);

export const declineInvitationAction = publicFormAction({ fields: ["token"] }, async ({ token }) => {
  const result = await declineInvitation({ token });
  if (!result.ok) return result;
  return { status: "success", message: "Invitation declined. Its link no longer works." };
});
