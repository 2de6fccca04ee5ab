import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PostList } from "@/components/posts/post-list";
import { getCaller } from "@/lib/auth/caller";
import { orgPostPage, postOrganization } from "@/lib/posts/org-list";
import { postPageQuerySchema } from "@/lib/posts/schemas";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ deleted?: string; cursor?: string | string[] }>;
};

export const metadata: Metadata = { title: "Organization posts" };

const primary =
  "inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700";

/**
 * The organization's posts, newest first, to its members only: the membership is read here, from the rows,
 * whatever the layout around it does — a non-member (or one removed a moment ago) gets the 404 page, the same
 * as for an organization that does not exist. Signed out: sign in and come back.
 */
export default async function OrganizationPostsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const caller = await getCaller();
  if (!caller) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/organizations/${slug}/posts`)}`);
  const organization = await postOrganization(slug, caller.user.id);
  if (!organization) notFound();
  const query = await searchParams;
  // A bad cursor is the first page: a page cannot answer 400.
  const { cursor } = postPageQuerySchema.parse(query);
  const page = await orgPostPage(organization.slug, caller.user.id, { cursor, limit: 10 });
  if (!page.ok) notFound();
  const { posts, nextCursor } = page.value;
  return (
    <div>
      {query.deleted === "1" && (
        <p
          role="status"
          className="mb-6 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          The post has been deleted.
        </p>
      )}
      {/* The layout heads the page with the organization's name (h1) and its tabs; the list's titles are h3. */}
      <section aria-labelledby="organization-posts">
        <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <h2 id="organization-posts" className="text-xl font-semibold text-slate-900">
              {cursor ? "Older posts" : "Posts"}
            </h2>
            <p className="mt-1 text-sm text-slate-600">Only the organization&apos;s members can read these.</p>
          </div>
          <Link href={`/posts/new?organization=${encodeURIComponent(organization.slug)}`} className={primary}>
            Write a post
          </Link>
        </div>
        <PostList
          posts={posts}
          olderHref={nextCursor ? `/organizations/${organization.slug}/posts?cursor=${nextCursor}` : null}
          empty={
            <p className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-10">
              No posts in this organization yet.
            </p>
          }
        />
      </section>
    </div>
  );
}
