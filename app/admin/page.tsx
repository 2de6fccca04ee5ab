import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { inputClass } from "@/components/field";
import { adminUserListSchema } from "@/lib/admin/schemas";
import { listAdminUsers } from "@/lib/admin/users";
import { adminPageCaller } from "./admin-caller";
import { AdminTable } from "./admin-table";
import { FilterSelect } from "./filter-select";
import { Time } from "@/components/time";
import { AccountLink } from "./account-link";
import { EmailBadge, RoleBadge, StatusBadge, YouBadge } from "./badges";
import { plainParams, withParams } from "./search-params";

export const metadata: Metadata = { title: "Admin · Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminUsersPage({ searchParams }: Props) {
  const caller = await adminPageCaller();
  // `deleted` is the notice after an account's deletion, not a filter.
  const { deleted, ...raw } = plainParams(await searchParams);
  const parsed = adminUserListSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : adminUserListSchema.parse({});
  const listed = await listAdminUsers(caller, query);
  if (!listed.ok) notFound();
  const page = listed.value;
  const kept = { query: raw.query, role: raw.role, status: raw.status, verified: raw.verified, order: raw.order };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Users</h1>
      {deleted && (
        <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The account was deleted.
        </p>
      )}
      <form
        method="get"
        role="search"
        aria-label="Find accounts"
        className="grid gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-6 sm:p-6"
      >
        <div className="space-y-1.5 sm:col-span-2">
          <label htmlFor="filter-query" className="block text-sm font-medium text-slate-800">
            Search
          </label>
          <input
            id="filter-query"
            name="query"
            type="search"
            defaultValue={raw.query ?? ""}
            placeholder="Username, email or name"
            className={inputClass(false)}
          />
        </div>
        <FilterSelect
          label="Role"
          name="role"
          value={raw.role}
          options={[
            ["", "Any"],
            ["user", "User"],
            ["admin", "Admin"],
          ]}
        />
        <FilterSelect
          label="Status"
          name="status"
          value={raw.status}
          options={[
            ["", "Any"],
            ["active", "Active"],
            ["disabled", "Disabled"],
          ]}
        />
        <FilterSelect
          label="Email"
          name="verified"
          value={raw.verified}
          options={[
            ["", "Any"],
            ["true", "Verified"],
            ["false", "Not verified"],
          ]}
        />
        <FilterSelect
          label="Order"
          name="order"
          value={raw.order}
          options={[
            ["newest", "Newest first"],
            ["oldest", "Oldest first"],
          ]}
        />
        <div className="flex items-center justify-between gap-3 sm:col-span-6">
          <p className="text-sm text-slate-600" role="status">
            {parsed.success
              ? page.totalCapped
                ? `${page.total.toLocaleString("en")}+ accounts`
                : `${page.total} account${page.total === 1 ? "" : "s"}`
              : "Some filters were not understood and were ignored."}
          </p>
          <button
            type="submit"
            className="rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
          >
            Search
          </button>
        </div>
      </form>
      {/* Phones: one card per account. */}
      <ul aria-label="Accounts" className="space-y-3 md:hidden">
        {page.users.map((u) => (
          <li key={u.id} className="space-y-2 rounded-2xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
            <div className="flex flex-wrap items-center gap-2">
              <AccountLink id={u.id} username={u.username} />
              {u.id === caller.user.id && <YouBadge />}
            </div>
            {u.displayName && <p className="text-slate-700">{u.displayName}</p>}
            <p className="break-all text-slate-600">{u.email}</p>
            <div className="flex flex-wrap gap-1.5">
              <RoleBadge role={u.role} />
              <StatusBadge disabled={u.disabledAt !== null} />
              <EmailBadge verified={u.emailVerified} />
            </div>
            <p className="text-xs text-slate-600">
              {u.lastSignInAt ? <Time at={u.lastSignInAt} prefix="Signed in " /> : "Never signed in"} · joined{" "}
              <Time at={u.createdAt} />
            </p>
          </li>
        ))}
        {page.users.length === 0 && (
          <li className="rounded-2xl border border-slate-200 bg-white px-4 py-8 text-center text-slate-600">
            No account matches.
          </li>
        )}
      </ul>
      {/* From the medium breakpoint: a table. */}
      <div className="hidden md:block">
        <AdminTable
          caption="Accounts"
          columns={[
            { label: "Account" },
            { label: "Role" },
            { label: "Status" },
            { label: "Email" },
            { label: "Created" },
            { label: "Last sign-in" },
          ]}
        >
          <tbody className="divide-y divide-slate-100">
            {page.users.map((u) => (
              <tr key={u.id} className="align-top">
                <td className="space-y-0.5 px-4 py-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <AccountLink id={u.id} username={u.username} />
                    {u.id === caller.user.id && <YouBadge />}
                  </div>
                  {u.displayName && <div className="text-slate-700">{u.displayName}</div>}
                  <div className="break-all text-slate-600">{u.email}</div>
                </td>
                <td className="px-4 py-3">
                  <RoleBadge role={u.role} />
                </td>
                <td className="px-4 py-3">
                  <StatusBadge disabled={u.disabledAt !== null} />
                </td>
                <td className="px-4 py-3">
                  <EmailBadge verified={u.emailVerified} />
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                  <Time at={u.createdAt} />
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                  {u.lastSignInAt ? <Time at={u.lastSignInAt} /> : "Never"}
                </td>
              </tr>
            ))}
            {page.users.length === 0 && (
              <tr>
                <td colSpan={6} className="px-4 py-8 text-center text-slate-600">
                  No account matches.
                </td>
              </tr>
            )}
          </tbody>
        </AdminTable>
      </div>
      <div className="flex justify-end gap-3">
        {raw.cursor && (
          <Link
            href={withParams("/admin", kept)}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 hover:bg-slate-100"
          >
            First page
          </Link>
        )}
        {page.nextCursor && (
          <Link
            href={withParams("/admin", { ...kept, cursor: page.nextCursor })}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 hover:bg-slate-100"
          >
            Next page
          </Link>
        )}
      </div>
    </div>
  );
}
