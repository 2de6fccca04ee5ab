import Link from "next/link";
import { getCaller } from "@/lib/auth/caller";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const caller = await getCaller();
  const deleted = !caller && (await searchParams).deleted === "1";
  const button = "inline-flex items-center justify-center rounded-lg px-5 py-2.5 text-sm font-semibold shadow-sm";
  return (
    <section className="mx-auto max-w-2xl text-center">
      {deleted && (
        <p
          role="status"
          className="mb-8 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          Your account has been deleted. Everything of yours is gone.
        </p>
      )}
      <h1 className="text-4xl font-bold tracking-tight break-words text-slate-900 sm:text-5xl">
        {caller ? `Hello, ${caller.user.displayName ?? caller.user.username}.` : "Accounts that just work."}
      </h1>
      <p className="mt-4 text-lg text-slate-600">
        {caller
          ? "You are signed in. Your profile and your sessions are a click away."
          : "Sign up, sign in, and sign out — with revocable sessions, a JSON API with bearer tokens, and passwords hashed with bcrypt."}
      </p>
      <div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
        {caller ? (
          <Link href="/account" className={`${button} bg-brand-600 text-white hover:bg-brand-700`}>
            Go to your account
          </Link>
        ) : (
          <>
            <Link href="/sign-up" className={`${button} bg-brand-600 text-white hover:bg-brand-700`}>
              Create an account
            </Link>
            <Link
              href="/sign-in"
              className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`}
            >
              Sign in
            </Link>
          </>
        )}
      </div>
    </section>
  );
}
