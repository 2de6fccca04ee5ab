import Link from "next/link";
import { PostList } from "@/components/posts/post-list";
import { getCaller } from "@/lib/auth/caller";
import { postPage } from "@/lib/posts/list";
import { postPageQuerySchema } from "@/lib/posts/schemas";

const button = "inline-flex items-center justify-center rounded-lg px-5 py-2.5 text-sm font-semibold shadow-sm";
const primary = `${button} bg-brand-600 text-white hover:bg-brand-700`;
const secondary = `${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`;

type Props = { searchParams: Promise<{ deleted?: string; removed?: string; cursor?: string | string[] }> };

export default async function HomePage({ searchParams }: Props) {
  const caller = await getCaller();
  const query = await searchParams;
  const deleted = !caller && query.deleted === "1";
  // A bad cursor is the first page: a page cannot answer 400.
  const { cursor } = postPageQuerySchema.parse(query);
  const page = await postPage({ cursor, limit: 10 });
  const { posts, nextCursor } = page.ok ? page.value : { posts: [], nextCursor: null };
  return (
    <div className="mx-auto max-w-2xl">
      {deleted && (
        <p
          role="status"
          className="mb-8 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          Your account has been deleted. Everything of yours is gone.
        </p>
      )}
      {caller && query.removed === "1" && (
        <p
          role="status"
          className="mb-8 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          The post has been removed. Its author will see it in their activity list.
        </p>
      )}
      <section className="text-center">
        <h1 className="text-3xl font-bold tracking-tight break-words text-slate-900 sm:text-4xl">
          {caller ? `Hello, ${caller.user.displayName ?? caller.user.username}.` : "Accounts that just work."}
        </h1>
        <p className="mt-3 text-base text-slate-600">
          {caller
            ? "Share what you are thinking, or look after your account."
            : "Sign up to write in the mini blog: revocable sessions, a JSON API, passwords hashed with bcrypt."}
        </p>
        <div className="mt-6 flex flex-col justify-center gap-3 sm:flex-row">
          {caller ? (
            <>
              <Link href="/posts/new" className={primary}>
                Write a post
              </Link>
              <Link href="/account" className={secondary}>
                Go to your account
              </Link>
            </>
          ) : (
            <>
              <Link href="/sign-up" className={primary}>
                Create an account
              </Link>
              <Link href="/sign-in" className={secondary}>
                Sign in
              </Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="latest-posts" className="mt-12">
        <h2 id="latest-posts" className="mb-4 text-xl font-semibold text-slate-900">
          {cursor ? "Older posts" : "Latest posts"}
        </h2>
        <PostList
          posts={posts}
          olderHref={nextCursor ? `/?cursor=${nextCursor}` : null}
          empty={
            <p className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-10">
              No posts yet. Start writing your first entry!
            </p>
          }
        />
      </section>
    </div>
  );
}
