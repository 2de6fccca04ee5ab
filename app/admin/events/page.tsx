import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Time } from "@/components/time";
import { listAdminEvents, type AdminEventPage } from "@/lib/admin/events";
import { adminEventListSchema } from "@/lib/admin/schemas";
import { eventLabel, isWarning } from "@/lib/security/event-labels";
import { describeDevice } from "@/lib/sessions/device";
import { AccountLink } from "../account-link";
import { adminPageCaller } from "../admin-caller";
import { AdminTable } from "../admin-table";
import { EventDetail } from "../event-detail";
import { plainParams, withParams } from "../search-params";
import { EventFilters } from "./event-filters";

export const metadata: Metadata = { title: "Admin · Events" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
type AdminEvent = AdminEventPage["events"][number];

function What({ e }: { e: AdminEvent }) {
  return (
    <p className={isWarning(e.type) ? "font-medium text-amber-800" : "font-medium text-slate-900"}>
      {eventLabel(e, "admin")}
    </p>
  );
}

function By({ e }: { e: AdminEvent }) {
  if (!e.actorId) return null;
  return (
    <p className="text-xs text-slate-600">
      by <AccountLink id={e.actorId} username={e.actorUsername} />
    </p>
  );
}

const where = (e: AdminEvent) => `${e.ip ?? "Unknown address"} · ${describeDevice(e.userAgent)}`;

export default async function AdminEventsPage({ searchParams }: Props) {
  const caller = await adminPageCaller();
  const raw = plainParams(await searchParams);
  const parsed = adminEventListSchema.safeParse(raw);
  const listed = await listAdminEvents(caller, parsed.success ? parsed.data : adminEventListSchema.parse({}));
  if (!listed.ok) notFound();
  const page = listed.value;
  const kept = { type: raw.type, username: raw.username, userId: raw.userId };
  const none = (
    <p className="px-4 py-8 text-center text-slate-600">
      {raw.type || raw.username || raw.userId ? "No events match these filters." : "No events yet."}
    </p>
  );
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Events</h1>
      <EventFilters type={raw.type} username={raw.username} ignored={!parsed.success} />
      {/* Phones: one card per event. */}
      <ul aria-label="Security events, newest first" className="space-y-3 md:hidden">
        {page.events.map((e) => (
          <li key={e.id} className="space-y-1.5 rounded-2xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
            <What e={e} />
            <p>
              <AccountLink id={e.userId} username={e.username} deleted={e.type === "admin.user_deleted"} />
            </p>
            <By e={e} />
            <p className="text-xs text-slate-600">
              <Time at={e.createdAt} /> · {where(e)}
            </p>
            <EventDetail detail={e.detail} />
          </li>
        ))}
        {page.events.length === 0 && <li className="rounded-2xl border border-slate-200 bg-white">{none}</li>}
      </ul>
      {/* From the medium breakpoint: a table. */}
      <div className="hidden md:block">
        <AdminTable
          caption="Security events, newest first"
          columns={[{ label: "Event" }, { label: "Account" }, { label: "When" }, { label: "Where" }]}
        >
          <tbody className="divide-y divide-slate-100">
            {page.events.map((e) => (
              <tr key={e.id} className="align-top">
                <td className="space-y-1 px-4 py-3">
                  <What e={e} />
                  <EventDetail detail={e.detail} />
                </td>
                <td className="px-4 py-3">
                  <AccountLink id={e.userId} username={e.username} deleted={e.type === "admin.user_deleted"} />
                  <By e={e} />
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                  <Time at={e.createdAt} />
                </td>
                <td className="px-4 py-3 text-slate-700">{where(e)}</td>
              </tr>
            ))}
            {page.events.length === 0 && (
              <tr>
                <td colSpan={4}>{none}</td>
              </tr>
            )}
          </tbody>
        </AdminTable>
      </div>
      <div className="flex justify-end gap-3">
        {raw.cursor && (
          <Link
            href={withParams("/admin/events", kept)}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 hover:bg-slate-100"
          >
            Newest
          </Link>
        )}
        {page.nextCursor && (
          <Link
            href={withParams("/admin/events", { ...kept, cursor: page.nextCursor })}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 hover:bg-slate-100"
          >
            Older
          </Link>
        )}
      </div>
    </div>
  );
}
