import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ProfileHeader } from "@/components/profile-header";
import { Time } from "@/components/time";
import { getCaller } from "@/lib/auth/caller";
import { pendingEmailChange } from "@/lib/email-change/pending";
import { listPasskeys } from "@/lib/passkeys/manage";
import { countPosts } from "@/lib/posts/list";
import { sessionSummary } from "@/lib/sessions/summary";
import { DownloadData } from "./download-data";
import { PendingEmailChange } from "./pending-email-change";

export const metadata: Metadata = { title: "Your account" };

const badge = "inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap";
const good = `${badge} bg-emerald-50 text-emerald-700`;
const warn = `${badge} bg-amber-50 text-amber-800`;
const neutral = `${badge} bg-slate-100 text-slate-700`;
const link = "inline-block py-1 text-sm font-medium text-brand-700 hover:underline";

/** One line of the overview: a label, its status, and the one thing to do about it. */
function Row({ label, children, action }: { label: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-4 sm:grid-cols-[10rem_1fr_auto] sm:items-start sm:gap-4">
      <dt className="text-sm font-medium text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
      {action && <dd className="sm:text-right">{action}</dd>}
    </div>
  );
}

/**
 * The account at a glance: the address and any change waiting for its link, how sign-in is protected
 * (two-factor, passkeys), where the account is signed in and the sign-in before this one, and the posts.
 * Each row's link goes where it is managed.
 */
export default async function AccountPage() {
  const caller = await getCaller();
  if (!caller) redirect("/sign-in?callbackUrl=/account");
  const { user } = caller;
  const name = user.displayName ?? user.username;
  const [postCount, pending, passkeys, sessions] = await Promise.all([
    countPosts(user.id),
    pendingEmailChange(user.id),
    listPasskeys(user.id),
    sessionSummary(user.id, caller.session.id),
  ]);
  const last = sessions.previousSignIn;
  return (
    <div className="mx-auto w-full max-w-2xl space-y-6">
      <section className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <ProfileHeader avatarUrl={user.avatarUrl} name={name} username={user.username} size={88}>
          <p className="mt-1 text-sm text-slate-600">
            <Time at={user.createdAt} prefix="Joined " />
          </p>
          <Link href={`/u/${user.username}`} className={`${link} mt-1`}>
            View public profile
          </Link>
        </ProfileHeader>
        <p className="mt-6 border-t border-slate-200 pt-6 break-words whitespace-pre-line text-slate-800">
          {user.bio ?? <span className="text-slate-500">No bio yet. Add one in Edit profile.</span>}
        </p>
      </section>

      <section
        aria-labelledby="overview-email"
        className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
      >
        <h2 id="overview-email" className="text-lg font-semibold text-slate-900">
          Email
        </h2>
        <dl className="divide-y divide-slate-200">
          <Row
            label="Address"
            action={
              <Link href="/account/profile" className={link}>
                Change
              </Link>
            }
          >
            <span className="break-all">{user.email}</span>{" "}
            <span className={user.emailVerified ? good : warn}>{user.emailVerified ? "verified" : "not verified"}</span>
            {/* Always rendered, so its outcome ("cancelled") outlives the re-render that drops the change. */}
            <PendingEmailChange pending={pending} />
          </Row>
        </dl>
      </section>

      <section
        aria-labelledby="overview-security"
        className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
      >
        <h2 id="overview-security" className="text-lg font-semibold text-slate-900">
          Sign-in and security
        </h2>
        <dl className="divide-y divide-slate-200">
          <Row
            label="Two-factor"
            action={
              <Link href="/account/security" className={link}>
                {user.twoFactor.totp ? "Manage" : "Set up"}
              </Link>
            }
          >
            {user.twoFactor.totp ? (
              <>
                <span className={good}>on</span>{" "}
                <span className="text-sm text-slate-600">
                  Authenticator app ·{" "}
                  {user.twoFactor.recoveryCodesLeft === 1
                    ? "1 recovery code left"
                    : `${user.twoFactor.recoveryCodesLeft} recovery codes left`}
                </span>
              </>
            ) : (
              <>
                <span className={neutral}>off</span>{" "}
                <span className="text-sm text-slate-600">
                  A code from an app on your phone keeps out a stolen password.
                </span>
              </>
            )}
          </Row>
          <Row
            label="Passkeys"
            action={
              <Link href="/account/security" className={link}>
                {passkeys.length ? "Manage" : "Add"}
              </Link>
            }
          >
            {passkeys.length ? (
              <span className={good}>{passkeys.length === 1 ? "1 passkey" : `${passkeys.length} passkeys`}</span>
            ) : (
              <>
                <span className={neutral}>none</span>{" "}
                <span className="text-sm text-slate-600">Sign in with your fingerprint, face or screen lock.</span>
              </>
            )}
          </Row>
          <Row
            label="Active sessions"
            action={
              <Link href="/account/security" className={link}>
                Review
              </Link>
            }
          >
            {sessions.active === 1 ? "1 session (this one)" : `${sessions.active} sessions, this one included`}
          </Row>
          <Row label="Last sign-in">
            {last ? (
              <>
                <Time at={last.at} />
                <span className="block text-sm text-slate-600">
                  {last.device}
                  {last.ip && ` · ${last.ip}`} · before this session
                </span>
              </>
            ) : (
              <span className="text-slate-600">This session is your first sign-in.</span>
            )}
          </Row>
        </dl>
      </section>

      <section
        aria-labelledby="overview-posts"
        className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
      >
        <h2 id="overview-posts" className="text-lg font-semibold text-slate-900">
          Posts
        </h2>
        <dl className="divide-y divide-slate-200">
          <Row
            label="Your posts"
            action={
              <Link href="/posts/new" className={link}>
                Write a post
              </Link>
            }
          >
            <span>{postCount === 1 ? "1 post" : `${postCount.toLocaleString("en")} posts`}</span>
            {postCount > 0 && (
              <Link href={`/u/${user.username}`} className={`${link} ml-3`}>
                See your posts
              </Link>
            )}
          </Row>
        </dl>
      </section>

      <section
        aria-labelledby="overview-data"
        className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
      >
        <h2 id="overview-data" className="text-lg font-semibold text-slate-900">
          Your data
        </h2>
        <p className="mt-2 mb-4 text-sm text-slate-600">
          One JSON file with your profile, email addresses, sessions, API keys, connected accounts, passkeys, posts and
          activity. It holds no password, key or code. A few a day; we email you each time.
        </p>
        <DownloadData
          totp={user.twoFactor.totp}
          hasPassword={user.hasPassword}
          passkey={passkeys.length > 0}
          username={user.username}
        />
      </section>
    </div>
  );
}
