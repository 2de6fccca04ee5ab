import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCaller } from "@/lib/auth/caller";
import { ActivitySection } from "./activity-section";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const caller = await getCaller();
  if (!caller) redirect("/sign-in?callbackUrl=/account/security");
  return (
    <section className="mx-auto w-full max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Security</h1>
      <ActivitySection userId={caller.user.id} />
    </section>
  );
}
