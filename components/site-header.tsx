import Link from "next/link";

/** The bar on every page: the product's name, and where a person can go from here. */
export function SiteHeader({
  username,
  admin = false,
  signOut,
}: {
  username: string | null;
  /** Administrators see a link to the console (/admin); nobody else does. */
  admin?: boolean;
  signOut: React.ReactNode;
}) {
  const link = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900";
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="flex shrink-0 items-center gap-2 text-base font-semibold text-slate-900">
          <span aria-hidden className="inline-block size-6 rounded-md bg-brand-600" />
          Accounts
        </Link>
        <div className="flex min-w-0 items-center gap-1">
          {username ? (
            <>
              {admin && (
                <Link href="/admin" className={link}>
                  Admin
                </Link>
              )}
              {/* A long username is cut with an ellipsis rather than pushing the page wider than a phone. */}
              <Link href="/account" className={`${link} min-w-0 truncate`} title={`@${username}`}>
                @{username}
              </Link>
              {signOut}
            </>
          ) : (
            <>
              <Link href="/sign-in" className={link}>
                Sign in
              </Link>
              <Link
                href="/sign-up"
                className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
              >
                Sign up
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
