import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LinkButton } from "@/components/link-button";
import { PeopleList } from "@/components/people-list";
import { PostList } from "@/components/posts/post-list";
import { getCaller } from "@/lib/auth/caller";
import { suggestAccounts } from "@/lib/follows/suggestions";
import { feedPage } from "@/lib/posts/feed";
import { postPageQuerySchema } from "@/lib/posts/schemas";

export const metadata: Metadata = { title: "Your feed" };

type Props = { searchParams: Promise<{ cursor?: string | string[] }> };

/**
 * `/feed`: the posts of the accounts the signed-in person follows, newest first, with "Older posts"; an empty
 * feed suggests the most-followed accounts instead.
 */
export default async function FeedPage({ searchParams }: Props) {
  const caller = await getCaller();
  if (!caller) redirect("/sign-in?callbackUrl=/feed");
  // A bad cursor is the first page: a page cannot answer 400.
  const { cursor } = postPageQuerySchema.parse(await searchParams);
  const page = await feedPage(caller.user.id, { cursor, limit: 10 });
  const { posts, nextCursor } = page.ok ? page.value : { posts: [], nextCursor: null };
  const suggestions = posts.length === 0 && !cursor ? await suggestAccounts(caller.user.id) : [];
  return (
    <div className="mx-auto w-full max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Your feed</h1>
      <p className="mt-1 text-slate-600">The latest posts of the people you follow.</p>
      <section aria-labelledby="feed-posts" className="mt-6">
        <h2 id="feed-posts" className="sr-only">
          Posts
        </h2>
        <PostList
          posts={posts}
          olderHref={nextCursor ? `/feed?cursor=${nextCursor}` : null}
          empty={
            <div className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-8 text-left">
              <p className="font-medium text-slate-900">{cursor ? "There are no older posts." : "Nothing here yet."}</p>
              {!cursor && (
                <p className="mt-1 text-sm">
                  Follow people from their profile, and their posts appear here, newest first.
                </p>
              )}
            </div>
          }
        />
      </section>
      {suggestions.length > 0 && (
        <section aria-labelledby="suggestions" className="mt-8">
          <h2 id="suggestions" className="mb-4 text-xl font-semibold text-slate-900">
            People to follow
          </h2>
          <PeopleList
            people={suggestions}
            extra={(p) => {
              const n = suggestions.find((s) => s.username === p.username)?.followers ?? 0;
              return n === 1 ? "1 follower" : `${n.toLocaleString("en")} followers`;
            }}
          />
        </section>
      )}
      {posts.length === 0 && !cursor && suggestions.length === 0 && (
        <div className="mt-6">
          <LinkButton href="/" variant="secondary">
            See the latest posts
          </LinkButton>
        </div>
      )}
    </div>
  );
}
