import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { inputClass } from "@/components/field";
import { adminUserListSchema } from "@/lib/admin/schemas";
import { listAdminUsers } from "@/lib/admin/users";
import { adminPageCaller } from "./admin-caller";
import { AdminTable } from "./admin-table";
import { FilterSelect } from "./filter-select";
import { formatTime, plainParams, withParams } from "./search-params";

export const metadata: Metadata = { title: "Admin · Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminUsersPage({ searchParams }: Props) {
  const caller = await adminPageCaller();
  const raw = plainParams(await searchParams);
  const parsed = adminUserListSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : adminUserListSchema.parse({});
  const listed = await listAdminUsers(caller, query);
  if (!listed.ok) notFound();
  const page = listed.value;
  const kept = { query: raw.query, role: raw.role, status: raw.status, verified: raw.verified, order: raw.order };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Users</h1>
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
              ? `${page.total} account${page.total === 1 ? "" : "s"}`
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
      <AdminTable
        caption="Accounts"
        columns={[
          { label: "Account" },
          { label: "Role" },
          { label: "Status" },
          { label: "Email", wide: true },
          { label: "Created", wide: true },
          { label: "Last sign-in", wide: true },
        ]}
      >
        <tbody className="divide-y divide-slate-100">
          {page.users.map((u) => (
            <tr key={u.id} className="align-top">
              <td className="px-4 py-3">
                <Link
                  href={`/admin/users/${u.id}`}
                  className="font-medium text-brand-700 underline-offset-2 hover:underline"
                >
                  @{u.username}
                </Link>
                {u.displayName && <div className="text-slate-600">{u.displayName}</div>}
                <div className="break-all text-slate-600">{u.email}</div>
                <div className="text-xs text-slate-600 sm:hidden">
                  {u.emailVerified ? "Verified" : "Not verified"} · last sign-in {formatTime(u.lastSignInAt)}
                </div>
              </td>
              <td className="px-4 py-3">{u.role === "admin" ? "Admin" : "User"}</td>
              <td className="px-4 py-3">
                {u.disabledAt ? <span className="font-medium text-red-700">Disabled</span> : "Active"}
              </td>
              <td className="hidden px-4 py-3 sm:table-cell">{u.emailVerified ? "Verified" : "Not verified"}</td>
              <td className="hidden px-4 py-3 whitespace-nowrap sm:table-cell">{formatTime(u.createdAt)}</td>
              <td className="hidden px-4 py-3 whitespace-nowrap sm:table-cell">{formatTime(u.lastSignInAt)}</td>
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
      <div className="flex justify-end gap-3">
        {raw.cursor && (
          <Link
            href={withParams("/admin", kept)}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
          >
            First page
          </Link>
        )}
        {page.nextCursor && (
          <Link
            href={withParams("/admin", { ...kept, cursor: page.nextCursor })}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
          >
            Next page
          </Link>
        )}
      </div>
    </div>
  );
}
