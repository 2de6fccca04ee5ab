import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { inputClass } from "@/components/field";
import { listAdminEvents } from "@/lib/admin/events";
import { adminEventListSchema } from "@/lib/admin/schemas";
import { adminPageCaller } from "../admin-caller";
import { formatTime, plainParams, withParams } from "../search-params";
import { AdminTable } from "../admin-table";

export const metadata: Metadata = { title: "Admin · Events" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminEventsPage({ searchParams }: Props) {
  const caller = await adminPageCaller();
  const raw = plainParams(await searchParams);
  const parsed = adminEventListSchema.safeParse(raw);
  const listed = await listAdminEvents(caller, parsed.success ? parsed.data : adminEventListSchema.parse({}));
  if (!listed.ok) notFound();
  const page = listed.value;
  const kept = { type: raw.type, userId: raw.userId };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Events</h1>
      <form
        method="get"
        aria-label="Filter events"
        className="grid gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 sm:p-6"
      >
        <div className="space-y-1.5">
          <label htmlFor="filter-type" className="block text-sm font-medium text-slate-800">
            Type
          </label>
          <input
            id="filter-type"
            name="type"
            defaultValue={raw.type ?? ""}
            placeholder="sign_in.failed"
            className={inputClass(false)}
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="filter-user" className="block text-sm font-medium text-slate-800">
            Account id
          </label>
          <input id="filter-user" name="userId" defaultValue={raw.userId ?? ""} className={inputClass(false)} />
        </div>
        <div className="flex items-end justify-end">
          <button
            type="submit"
            className="rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
          >
            Filter
          </button>
        </div>
        {!parsed.success && (
          <p role="status" className="text-sm text-red-700 sm:col-span-3">
            Some filters were not understood and were ignored.
          </p>
        )}
      </form>
      <AdminTable
        caption="Security events, newest first"
        columns={[
          { label: "When", wide: true },
          { label: "Type" },
          { label: "Account" },
          { label: "Address", wide: true },
          { label: "Detail", wide: true },
        ]}
      >
        <tbody className="divide-y divide-slate-100">
          {page.events.map((e) => (
            <tr key={e.id} className="align-top">
              <td className="hidden px-4 py-3 whitespace-nowrap sm:table-cell">{formatTime(e.createdAt)}</td>
              <td className="px-4 py-3">
                <span className="font-mono text-xs break-all">{e.type}</span>
                <div className="text-xs text-slate-600 sm:hidden">
                  {formatTime(e.createdAt)} · {e.ip ?? "no address"}
                </div>
              </td>
              <td className="px-4 py-3">
                {e.userId ? (
                  <Link href={`/admin/users/${e.userId}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {e.userId.slice(0, 8)}
                  </Link>
                ) : (
                  "—"
                )}
                {e.actorId && <div className="text-xs text-slate-600">by admin {e.actorId.slice(0, 8)}</div>}
              </td>
              <td className="hidden px-4 py-3 sm:table-cell">{e.ip ?? "—"}</td>
              <td className="hidden px-4 py-3 font-mono text-xs break-all sm:table-cell">
                {Object.keys(e.detail).length ? JSON.stringify(e.detail) : "—"}
              </td>
            </tr>
          ))}
          {page.events.length === 0 && (
            <tr>
              <td colSpan={5} className="px-4 py-8 text-center text-slate-600">
                No events.
              </td>
            </tr>
          )}
        </tbody>
      </AdminTable>
      <div className="flex justify-end gap-3">
        {raw.cursor && (
          <Link
            href={withParams("/admin/events", kept)}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
          >
            Newest
          </Link>
        )}
        {page.nextCursor && (
          <Link
            href={withParams("/admin/events", { ...kept, cursor: page.nextCursor })}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
          >
            Older
          </Link>
        )}
      </div>
    </div>
  );
}
