import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ProfileHeader } from "@/components/profile-header";
import { getCaller } from "@/lib/auth/caller";
import { countPosts } from "@/lib/posts/list";

export const metadata: Metadata = { title: "Your account" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

export default async function AccountPage() {
  const caller = await getCaller();
  if (!caller) redirect("/sign-in?callbackUrl=/account");
  const { user } = caller;
  const name = user.displayName ?? user.username;
  const postCount = await countPosts(user.id);
  return (
    <section className="mx-auto w-full max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <ProfileHeader avatarUrl={user.avatarUrl} name={name} username={user.username} size={88}>
        <Link href={`/u/${user.username}`} className="text-sm font-medium text-brand-700 hover:underline">
          View public profile
        </Link>
      </ProfileHeader>
      <dl className="mt-8 grid gap-x-6 gap-y-4 border-t border-slate-200 pt-6 sm:grid-cols-[10rem_1fr]">
        <dt className="text-sm font-medium text-slate-500">Email</dt>
        <dd className="break-all">
          {user.email}{" "}
          <span
            className={`ml-1 inline-block rounded-full px-2 py-0.5 text-xs font-medium break-normal whitespace-nowrap ${
              user.emailVerified ? "bg-emerald-50 text-emerald-700" : "bg-amber-50 text-amber-800"
            }`}
          >
            {user.emailVerified ? "verified" : "not verified"}
          </span>
        </dd>
        <dt className="text-sm font-medium text-slate-500">Member since</dt>
        <dd>
          <time dateTime={user.createdAt}>{dateFormat.format(new Date(user.createdAt))}</time>
        </dd>
        <dt className="text-sm font-medium text-slate-500">Bio</dt>
        <dd className="whitespace-pre-line break-words text-slate-800">
          {user.bio ?? <span className="text-slate-500">No bio yet.</span>}
        </dd>
        <dt className="text-sm font-medium text-slate-500">Your posts</dt>
        <dd className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <span>{postCount === 1 ? "1 post" : `${postCount.toLocaleString("en")} posts`}</span>
          {postCount > 0 && (
            <Link href={`/u/${user.username}`} className="text-sm font-medium text-brand-700 hover:underline">
              See your posts
            </Link>
          )}
          <Link href="/posts/new" className="text-sm font-medium text-brand-700 hover:underline">
            Write a post
          </Link>
        </dd>
      </dl>
    </section>
  );
}
