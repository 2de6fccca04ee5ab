import Link from "next/link";

/**
 * An account named as people know it (`@username`), linking to its console page; a deleted one (`deleted`,
 * or an id whose row is gone) says so.
 */
export function AccountLink({
  id,
  username,
  deleted,
}: {
  id: string | null;
  username: string | null;
  deleted?: boolean;
}) {
  if (!id || !username)
    return <span className="text-slate-600">{id || deleted ? "A deleted account" : "No account"}</span>;
  return (
    <Link
      href={`/admin/users/${id}`}
      className="font-medium break-all text-brand-700 underline-offset-2 hover:underline"
    >
      @{username}
    </Link>
  );
}
