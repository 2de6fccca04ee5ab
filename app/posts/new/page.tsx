import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { VerifyBanner } from "@/components/verify-banner";
import { getCaller } from "@/lib/auth/caller";
import { publishableOrganizations } from "@/lib/posts/org-list";
import { resendVerificationAction } from "../../(auth)/verify-email/resend-action";
import { createPostAction } from "../actions";
import { PostForm } from "../post-form";

export const metadata: Metadata = { title: "Write a post" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?organization=slug` (the organization's "Write a post" link) chooses it at first, when the caller is in it. */
export default async function NewPostPage({ searchParams }: Props) {
  const caller = await getCaller();
  if (!caller) redirect("/sign-in?callbackUrl=/posts/new");
  if (!caller.user.emailVerified) {
    return (
      <Card title="Write a post" subtitle="Publishing needs a confirmed email address.">
        <p className="mb-4 text-sm text-slate-700">
          So that every post has a reachable author, you can publish once you have followed the link we emailed you.
        </p>
        <VerifyBanner email={caller.user.email} resend={resendVerificationAction} />
      </Card>
    );
  }
  const [organizations, query] = await Promise.all([publishableOrganizations(caller.user.id), searchParams]);
  const wanted = typeof query.organization === "string" ? query.organization : "";
  const organization = organizations.some((o) => o.slug === wanted) ? wanted : "";
  return (
    <section className="mx-auto w-full max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Write a post</h1>
      <p className="mt-1 text-sm text-slate-600">
        Anyone can read it, or only the members of an organization you choose; only you can edit it.
      </p>
      <div className="mt-6">
        <PostForm
          action={createPostAction}
          submitLabel="Publish"
          pendingLabel="Publishing…"
          organizations={organizations}
          organization={organization}
        />
      </div>
    </section>
  );
}
