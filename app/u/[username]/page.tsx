import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Avatar } from "@/components/avatar";
import { getPublicProfile } from "@/lib/users/public-profile";

type Props = { params: Promise<{ username: string }> };

const dateFormat = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await getPublicProfile(decodeURIComponent((await params).username));
  return { title: profile ? (profile.displayName ?? `@${profile.username}`) : "Not found" };
}

export default async function PublicProfilePage({ params }: Props) {
  const profile = await getPublicProfile(decodeURIComponent((await params).username));
  if (!profile) notFound();
  const name = profile.displayName ?? profile.username;
  return (
    <article className="mx-auto w-full max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <div className="flex flex-col items-center gap-4 text-center sm:flex-row sm:items-start sm:text-left">
        <Avatar url={profile.avatarUrl} name={name} size={96} />
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{name}</h1>
          <p className="text-slate-600">@{profile.username}</p>
          <p className="mt-1 text-sm text-slate-500">
            Member since <time dateTime={profile.createdAt}>{dateFormat.format(new Date(profile.createdAt))}</time>
          </p>
        </div>
      </div>
      {profile.bio && (
        <p className="mt-6 border-t border-slate-200 pt-6 break-words whitespace-pre-line text-slate-800">
          {profile.bio}
        </p>
      )}
    </article>
  );
}
