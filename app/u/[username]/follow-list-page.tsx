import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PeopleList } from "@/components/people-list";
import { followPage, type FollowDirection } from "@/lib/follows/lists";
import { followPageQuerySchema } from "@/lib/follows/schemas";
import { usernameParamsSchema } from "@/lib/users/schemas";

export type FollowListProps = {
  params: Promise<{ username: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
};

const TITLES: Record<FollowDirection, string> = { followers: "Followers", following: "Following" };

function usernameOf(segment: string): string | null {
  let username = segment;
  try {
    username = decodeURIComponent(segment);
  } catch {
    // A stray "%" is part of a name no account has: the 404 page.
  }
  const params = usernameParamsSchema.safeParse({ username });
  return params.success ? params.data.username : null;
}

export async function followListMetadata(direction: FollowDirection, props: FollowListProps): Promise<Metadata> {
  const username = usernameOf((await props.params).username);
  return { title: username ? `${TITLES[direction]} of @${username}` : "Not found" };
}

/** `/u/{username}/followers` and `/following`: one page of accounts, the most recent follow first, and "Show more". */
export async function FollowListPage({ direction, ...props }: FollowListProps & { direction: FollowDirection }) {
  const username = usernameOf((await props.params).username);
  if (!username) notFound();
  // A bad cursor is the first page: a page cannot answer 400.
  const { cursor } = followPageQuerySchema.parse(await props.searchParams);
  const page = await followPage(username, direction, { cursor, limit: 20 });
  if (!page.ok) notFound();
  const base = `/u/${encodeURIComponent(username)}`;
  const { users, nextCursor } = page.value;
  const tab = (to: FollowDirection) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${to === direction ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`;
  return (
    <div className="mx-auto w-full max-w-2xl">
      <p className="text-sm">
        <Link href={base} className="font-medium text-brand-700 hover:underline">
          ← @{username}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words text-slate-900">
        {TITLES[direction]} of @{username}
      </h1>
      <nav aria-label="Followers and following" className="mt-4 flex gap-2">
        <Link
          href={`${base}/followers`}
          className={tab("followers")}
          aria-current={direction === "followers" ? "page" : undefined}
        >
          Followers
        </Link>
        <Link
          href={`${base}/following`}
          className={tab("following")}
          aria-current={direction === "following" ? "page" : undefined}
        >
          Following
        </Link>
      </nav>
      <div className="mt-6">
        {users.length === 0 ? (
          <p className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-slate-600">
            {cursor
              ? "There is nobody more."
              : direction === "followers"
                ? `Nobody follows @${username} yet.`
                : `@${username} does not follow anyone yet.`}
          </p>
        ) : (
          <PeopleList people={users} />
        )}
      </div>
      {nextCursor && (
        <div className="mt-6 flex justify-center">
          <Link
            href={`${base}/${direction}?cursor=${nextCursor}`}
            className="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-100"
          >
            Show more
          </Link>
        </div>
      )}
    </div>
  );
}
