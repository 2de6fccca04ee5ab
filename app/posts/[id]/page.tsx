import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Avatar } from "@/components/avatar";
import { Time } from "@/components/time";
import { getCaller } from "@/lib/auth/caller";
import { DeletePostButton } from "../delete-post-button";
import { loadPost } from "../load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = await loadPost((await params).id);
  return { title: post ? post.title : "Not found" };
}

export default async function PostPage({ params }: Props) {
  const post = await loadPost((await params).id);
  if (!post) notFound();
  const caller = await getCaller();
  const own = caller?.user.id === post.authorId;
  // A public post: the site's administrators moderate it; an organization's: its admins and owners.
  const admin = post.organization
    ? post.viewerRole === "owner" || post.viewerRole === "admin"
    : caller?.role === "admin";
  const adminLabel = post.organization ? "Remove (organization admin)" : "Delete (administrator)";
  const name = post.author.displayName ?? post.author.username;
  const edited = new Date(post.updatedAt).getTime() > new Date(post.createdAt).getTime();
  return (
    <article className="mx-auto w-full max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      {post.organization && (
        <p className="mb-3 text-sm text-slate-600">
          In{" "}
          <Link
            href={`/organizations/${post.organization.slug}/posts`}
            className="font-medium text-brand-700 hover:underline"
          >
            {post.organization.name}
          </Link>{" "}
          · only its members can read this post
        </p>
      )}
      <h1 className="text-3xl font-bold tracking-tight break-words text-slate-900">{post.title}</h1>
      <div className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-slate-600">
        <Link
          href={`/u/${post.author.username}`}
          className="inline-flex min-w-0 items-center gap-2 font-medium text-slate-800 hover:underline"
        >
          <Avatar url={post.author.avatarUrl} name={name} size={36} />
          <span className="min-w-0 truncate">{name}</span>
        </Link>
        <span aria-hidden>·</span>
        <Time at={post.createdAt} />
        {edited && (
          <>
            <span aria-hidden>·</span>
            <Time at={post.updatedAt} prefix="edited " />
          </>
        )}
      </div>
      {/* Plain text: React escapes it, and whitespace-pre-line keeps its line breaks. */}
      <div className="mt-6 border-t border-slate-200 pt-6 break-words whitespace-pre-wrap text-slate-800">
        {post.body}
      </div>
      {(own || admin) && (
        <div className="mt-8 flex flex-col gap-3 border-t border-slate-200 pt-6 sm:flex-row sm:flex-wrap sm:justify-end">
          {own && (
            <Link
              href={`/posts/${post.id}/edit`}
              className="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-100"
            >
              Edit
            </Link>
          )}
          <DeletePostButton postId={post.id} label={own ? "Delete" : adminLabel} />
        </div>
      )}
    </article>
  );
}
