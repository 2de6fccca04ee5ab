import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import Link from "next/link";
import { LinkButton } from "@/components/link-button";
import { PostList } from "@/components/posts/post-list";
import { ProfileHeader } from "@/components/profile-header";
import { getCaller } from "@/lib/auth/caller";
import { postPage } from "@/lib/posts/list";
import { postPageQuerySchema } from "@/lib/posts/schemas";
import { getPublicProfile } from "@/lib/users/public-profile";
import { usernameParamsSchema } from "@/lib/users/schemas";
import { FollowButton } from "./follow-button";

type Props = {
  params: Promise<{ username: string }>;
  searchParams: Promise<{ cursor?: string | string[]; deleted?: string }>;
};

/**
 * generateMetadata and the page ask for the same profile: one database lookup per request, and none for
 * a segment that could not be a username (a NUL, a lone surrogate): that is the 404 page.
 */
const loadProfile = cache(async (segment: string) => {
  let username = segment;
  try {
    username = decodeURIComponent(segment);
  } catch {
    // A stray "%" is simply part of a name that no account has: a 404, not an error page.
  }
  const params = usernameParamsSchema.safeParse({ username });
  if (!params.success) return null;
  const caller = await getCaller();
  return getPublicProfile(params.data.username, caller?.user.id ?? null);
});

const dateFormat = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await loadProfile((await params).username);
  return { title: profile ? (profile.displayName ?? `@${profile.username}`) : "Not found" };
}

export default async function PublicProfilePage({ params, searchParams }: Props) {
  const profile = await loadProfile((await params).username);
  if (!profile) notFound();
  const query = await searchParams;
  const { cursor } = postPageQuerySchema.parse(query);
  const [page, caller] = await Promise.all([postPage({ author: profile.username, cursor, limit: 10 }), getCaller()]);
  // Your own profile: a way to edit it, and an empty list that invites the first post.
  const own = caller?.user.username === profile.username;
  const { posts, nextCursor } = page.ok ? page.value : { posts: [], nextCursor: null };
  const name = profile.displayName ?? profile.username;
  return (
    <div className="mx-auto w-full max-w-2xl">
      {query.deleted === "1" && (
        <p
          role="status"
          className="mb-6 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          Your post has been deleted.
        </p>
      )}
      <article className="w-full rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <ProfileHeader avatarUrl={profile.avatarUrl} name={name} username={profile.username} size={96}>
          <p className="mt-1 text-sm text-slate-500">
            Member since <time dateTime={profile.createdAt}>{dateFormat.format(new Date(profile.createdAt))}</time>
          </p>
          <ProfileCounts
            username={profile.username}
            followers={profile.followers}
            following={profile.following}
            posts={profile.posts}
          />
          {caller && !own && (
            <div className="mt-4">
              <FollowButton username={profile.username} following={profile.followedByYou === true} />
            </div>
          )}
          {!caller && (
            <div className="mt-4">
              <LinkButton href={`/sign-in?${new URLSearchParams({ callbackUrl: `/u/${profile.username}` })}`}>
                Sign in to follow
              </LinkButton>
            </div>
          )}
          {own && (
            <div className="mt-4">
              <LinkButton href="/account/profile" variant="secondary">
                Edit profile
              </LinkButton>
            </div>
          )}
        </ProfileHeader>
        {profile.bio && (
          <p className="mt-6 border-t border-slate-200 pt-6 break-words whitespace-pre-line text-slate-800">
            {profile.bio}
          </p>
        )}
      </article>
      <section aria-labelledby="profile-posts" className="mt-8">
        <h2 id="profile-posts" className="mb-4 text-xl font-semibold text-slate-900">
          Posts <span className="text-base font-normal text-slate-600">({profile.postCount.toLocaleString("en")})</span>
        </h2>
        <PostList
          posts={posts}
          showAuthor={false}
          olderHref={nextCursor ? `/u/${encodeURIComponent(profile.username)}?cursor=${nextCursor}` : null}
          empty={
            own ? (
              <div className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-8">
                <p className="font-medium text-slate-900">You have not written anything yet.</p>
                <p className="mt-1 text-sm">Your posts appear here, and on the home page, for everyone to read.</p>
                <div className="mt-5">
                  <LinkButton href="/posts/new">Write your first post</LinkButton>
                </div>
              </div>
            ) : (
              <p className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-8">
                @{profile.username} has not posted anything yet.
              </p>
            )
          }
        />
      </section>
    </div>
  );
}

const Count = ({ n, one, many }: { n: number; one: string; many: string }) => (
  <>
    <strong className="font-semibold text-slate-900">{n.toLocaleString("en")}</strong> {n === 1 ? one : many}
  </>
);

/** Followers, following (each a link to its list) and posts, under the name. */
function ProfileCounts(props: { username: string; followers: number; following: number; posts: number }) {
  const base = `/u/${encodeURIComponent(props.username)}`;
  const link = "text-slate-700 underline-offset-4 hover:underline";
  return (
    <ul
      aria-label="Profile counts"
      className="mt-2 flex flex-wrap justify-center gap-x-4 gap-y-1 text-sm text-slate-600 sm:justify-start"
    >
      <li>
        <Link href={`${base}/followers`} className={link} data-testid="followers-count">
          <Count n={props.followers} one="follower" many="followers" />
        </Link>
      </li>
      <li>
        <Link href={`${base}/following`} className={link} data-testid="following-count">
          <Count n={props.following} one="following" many="following" />
        </Link>
      </li>
      <li data-testid="posts-count">
        <Count n={props.posts} one="post" many="posts" />
      </li>
    </ul>
  );
}
