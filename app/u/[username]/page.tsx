import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ProfileHeader } from "@/components/profile-header";
import { getPublicProfile } from "@/lib/users/public-profile";
import { usernameParamsSchema } from "@/lib/users/schemas";

type Props = { params: Promise<{ username: string }> };

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
  return params.success ? getPublicProfile(params.data.username) : null;
});

const dateFormat = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await loadProfile((await params).username);
  return { title: profile ? (profile.displayName ?? `@${profile.username}`) : "Not found" };
}

export default async function PublicProfilePage({ params }: Props) {
  const profile = await loadProfile((await params).username);
  if (!profile) notFound();
  const name = profile.displayName ?? profile.username;
  return (
    <article className="mx-auto w-full max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <ProfileHeader avatarUrl={profile.avatarUrl} name={name} username={profile.username} size={96}>
        <p className="mt-1 text-sm text-slate-500">
          Member since <time dateTime={profile.createdAt}>{dateFormat.format(new Date(profile.createdAt))}</time>
        </p>
      </ProfileHeader>
      {profile.bio && (
        <p className="mt-6 border-t border-slate-200 pt-6 break-words whitespace-pre-line text-slate-800">
          {profile.bio}
        </p>
      )}
    </article>
  );
}
