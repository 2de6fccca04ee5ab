import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { getCaller } from "@/lib/auth/caller";
import { NewOrganizationForm } from "@/app/_organizations/new-organization-form";

export const metadata: Metadata = { title: "New organization" };

/** /account/organizations/new: name and address; a verified email is needed (said here, checked in lib). */
export default async function NewOrganizationPage() {
  const caller = await getCaller();
  if (!caller) redirect("/sign-in?callbackUrl=/account/organizations/new");
  return (
    <Card title="New organization" subtitle="You become its owner; invite your team once it exists.">
      <NewOrganizationForm verified={caller.user.emailVerified} />
    </Card>
  );
}
