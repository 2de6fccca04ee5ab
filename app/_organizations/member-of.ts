import "server-only";
import { notFound, redirect } from "next/navigation";
import { getCaller } from "@/lib/auth/caller";
import { membershipBySlug } from "@/lib/organizations/membership";
import { organizationParamsSchema } from "@/lib/organizations/schemas";

/**
 * The caller and their membership of the organization at `slug`, read from the rows on this request; signed out
 * goes to sign in and back; a non-member (or no such organization, or a slug that could name none) is the 404 page.
 */
export async function memberOrNotFound(slug: string, path = "") {
  const caller = await getCaller();
  if (!caller) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/organizations/${slug}${path}`)}`);
  if (!organizationParamsSchema.safeParse({ slug }).success) notFound();
  const membership = await membershipBySlug(slug, caller.user.id);
  if (!membership) notFound();
  return { caller, ...membership };
}
