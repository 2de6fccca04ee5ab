"use client";

import Link from "next/link";

/**
 * A page that failed to render. Forms never end up here: a server action that failed, or never reached
 * the server, is answered inside its form (lib/forms/kept-form.ts). The reference is Next's digest of a
 * server-side error, the key to its line in the server's log; an error in the browser has none and is
 * logged nowhere, so this page promises nothing about logging.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="mx-auto max-w-md text-center">
      <h1 className="text-3xl font-bold tracking-tight">Something went wrong</h1>
      <p className="mt-3 text-slate-600">This page could not be shown. Try again, or go back to the start.</p>
      {error.digest && (
        <p className="mt-3 text-sm text-slate-600">
          If you contact us, quote this reference: <code className="font-mono text-slate-800">{error.digest}</code>
        </p>
      )}
      <div className="mt-6 flex flex-col items-center justify-center gap-3 sm:flex-row">
        <button
          type="button"
          onClick={reset}
          className="w-full rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-700 sm:w-auto"
        >
          Try again
        </button>
        <Link
          href="/"
          className="w-full rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 hover:bg-slate-100 sm:w-auto"
        >
          Go to the start
        </Link>
      </div>
    </section>
  );
}
