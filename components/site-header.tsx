import Link from "next/link";
import { AccountMenu } from "./account-menu";
import { HeaderLink } from "./header-link";

/** Who is signed in, as the header needs it. */
export type HeaderPerson = { username: string; name: string; avatarUrl: string | null };

/**
 * The bar on every page: the product's name, and where a person can go from here. Signed in, "Feed" and one account
 * menu (profile, account, security, admin for administrators, sign out); signed out, sign in and sign up.
 * Every control is 36 px tall, so the bar keeps one height either way.
 */
export function SiteHeader({
  person,
  admin = false,
  signOut,
}: {
  person: HeaderPerson | null;
  /** Administrators see a link to the console (/admin) in the menu; nobody else does. */
  admin?: boolean;
  signOut: () => Promise<void>;
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex h-15 max-w-5xl items-center justify-between gap-4 px-4">
        <Link href="/" className="flex h-9 shrink-0 items-center gap-2 text-base font-semibold text-slate-900">
          <span aria-hidden className="inline-block size-6 rounded-md bg-brand-600" />
          Accounts
        </Link>
        <div className="flex min-w-0 items-center gap-1">
          {person ? (
            <>
              <HeaderLink
                href="/feed"
                className="flex h-9 items-center rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                currentClassName="bg-slate-100 text-slate-900 underline underline-offset-4"
              >
                Feed
              </HeaderLink>
              <AccountMenu person={person} admin={admin} signOut={signOut} />
            </>
          ) : (
            <>
              <HeaderLink
                href="/sign-in"
                className="flex h-9 items-center rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                currentClassName="bg-slate-100 text-slate-900 underline underline-offset-4"
              >
                Sign in
              </HeaderLink>
              <HeaderLink
                href="/sign-up"
                className="flex h-9 items-center rounded-md bg-brand-600 px-3 text-sm font-semibold text-white hover:bg-brand-700"
                currentClassName="underline underline-offset-4"
              >
                Sign up
              </HeaderLink>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
