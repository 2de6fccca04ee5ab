import Link from "next/link";
import type { PostDto } from "@/lib/posts/dto";
import { Avatar } from "../avatar";
import { Time } from "@/components/time";

/** The first lines of a body, as plain text: at most 4 lines and 280 characters. */
function excerpt(body: string): string {
  const lines = body.split("\n").slice(0, 4).join("\n");
  const chars = [...lines];
  return chars.length > 280 ? `${chars.slice(0, 280).join("").trimEnd()}…` : lines;
}

/** A list of posts, newest first, with an "Older posts" link when there are more. */
export function PostList({
  posts,
  olderHref,
  empty,
  showAuthor = true,
}: {
  posts: PostDto[];
  olderHref: string | null;
  empty: React.ReactNode;
  showAuthor?: boolean;
}) {
  if (posts.length === 0) return <div className="text-center text-slate-600">{empty}</div>;
  return (
    <>
      <ul className="space-y-4">
        {posts.map((post) => {
          const name = post.author.displayName ?? post.author.username;
          return (
            <li key={post.id}>
              {/* The whole card opens the post: the title's link stretches over it (::after), and the author
                  link and the time sit above that layer, so each keeps its own target and hover. */}
              <article className="relative rounded-2xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-slate-300 hover:shadow-md has-[a:focus-visible]:border-brand-600 sm:p-6">
                <h3 className="text-lg font-semibold tracking-tight break-words text-slate-900">
                  <Link
                    href={`/posts/${post.id}`}
                    className="after:absolute after:inset-0 after:rounded-2xl after:content-[''] hover:text-brand-700 hover:underline"
                  >
                    {post.title}
                  </Link>
                </h3>
                <p className="mt-2 line-clamp-4 break-words whitespace-pre-line text-slate-700">{excerpt(post.body)}</p>
                <p className="mt-4 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600">
                  {showAuthor && (
                    <>
                      <Link
                        href={`/u/${post.author.username}`}
                        className="relative z-10 inline-flex min-w-0 items-center gap-2 font-medium text-slate-800 hover:underline"
                      >
                        <Avatar url={post.author.avatarUrl} name={name} size={28} />
                        <span className="min-w-0 truncate">{name}</span>
                      </Link>
                      <span aria-hidden>·</span>
                    </>
                  )}
                  <span className="relative z-10">
                    <Time at={post.createdAt} />
                  </span>
                </p>
              </article>
            </li>
          );
        })}
      </ul>
      {olderHref && (
        <div className="mt-6 flex justify-center">
          <Link
            href={olderHref}
            className="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-100"
          >
            Older posts
          </Link>
        </div>
      )}
    </>
  );
}
