import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getCaller } from "@/lib/auth/caller";
import { updatePostAction } from "../../actions";
import { loadPost } from "../../load";
import { PostForm } from "../../post-form";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Edit post" };

/** The author only; to anyone else (signed out included) the post's edit page does not exist. */
export default async function EditPostPage({ params }: Props) {
  const [post, caller] = await Promise.all([loadPost((await params).id), getCaller()]);
  if (!post || !caller || caller.user.id !== post.authorId) notFound();
  return (
    <section className="mx-auto w-full max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Edit post</h1>
      <div className="mt-6">
        <PostForm
          action={updatePostAction}
          post={{ id: post.id, title: post.title, body: post.body }}
          submitLabel="Save changes"
          pendingLabel="Saving…"
        />
      </div>
    </section>
  );
}
