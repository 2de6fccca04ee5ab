"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAnswers, signedInAction, signedInFormAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { formError } from "@/lib/forms/state";
import { createOrganization } from "@/lib/organizations/create";
import { deleteOrganization, renameOrganization } from "@/lib/organizations/manage";
import { changeMemberRole, removeMember } from "@/lib/organizations/members";

/** "New organization": created, then off to its page. */
export const createOrganizationAction = signedInFormAction(
  { fields: ["name", "slug"] },
  async (input, { caller, client }) => {
    const result = await createOrganization(caller, input, client);
    if (!result.ok) return result;
    revalidatePath("/account/organizations");
    redirect(`/organizations/${result.value.slug}`);
  },
);

/** Settings: a new name (owners). */
export const renameOrganizationAction = signedInFormAction(
  { fields: ["slug", "name"] },
  async ({ slug, name }, { caller, values }) => {
    const result = await renameOrganization(caller, slug, { name });
    if (!result.ok) return result;
    revalidatePath(`/organizations/${slug}`, "layout");
    return {
      status: "success",
      message: "The organization is renamed.",
      values: { ...values, name: result.value.name },
    };
  },
);

/** Settings: deleting (owners; a fresh proof, asked in place; the slug typed), then back to the list. */
export const deleteOrganizationAction = signedInFormAction(
  { fields: ["slug", "confirm"] },
  async ({ slug, confirm }, { caller, client }) => {
    const result = await deleteOrganization(caller, slug, { confirm: confirm.trim() }, client);
    if (!result.ok) return result;
    revalidatePath("/account/organizations");
    redirect("/account/organizations?deleted=1");
  },
);

/** A member's role select on the organization's page. */
export const changeRoleAction = signedInAction(
  formAnswers,
  async ({ caller, client }, slug: string, userId: string, role: string): Promise<FormState> => {
    const result = await changeMemberRole(caller, String(slug), String(userId), { role }, client);
    if (!result.ok) return formError(result.error);
    revalidatePath(`/organizations/${slug}`);
    return {
      status: "success",
      message: `@${result.value.username} is now ${result.value.role === "admin" ? "an" : "a"} ${result.value.role}.`,
    };
  },
);

/** "Remove" beside a member, or "Leave organization" (the caller's own id): leaving goes back to the list. */
export const removeMemberAction = signedInAction(
  formAnswers,
  async ({ caller, client }, slug: string, userId: string): Promise<FormState> => {
    const result = await removeMember(caller, String(slug), String(userId), client);
    if (!result.ok) return formError(result.error);
    if (result.value.left) {
      revalidatePath("/account/organizations");
      redirect("/account/organizations?left=1");
    }
    revalidatePath(`/organizations/${slug}`);
    return { status: "success", message: "The member was removed." };
  },
);
