import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LinkButton } from "@/components/link-button";
import { Time } from "@/components/time";
import { listWebhooks } from "@/lib/webhooks/endpoints/manage";
import { adminPageCaller } from "../admin-caller";
import { WebhookStatus } from "./webhook-status";

export const metadata: Metadata = { title: "Admin · Webhooks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The webhook endpoints: URL, what they receive, on or off (and why), and "New endpoint". */
export default async function AdminWebhooksPage({ searchParams }: Props) {
  const caller = await adminPageCaller();
  const listed = await listWebhooks(caller);
  if (!listed.ok) notFound();
  const { deleted } = await searchParams;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Webhooks</h1>
        <LinkButton href="/admin/webhooks/new">New endpoint</LinkButton>
      </div>
      {deleted && (
        <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The endpoint was deleted.
        </p>
      )}
      <p className="text-sm text-slate-600">
        Other systems (a CRM, billing, a search index) learn here what happened to accounts, signed so they can check it
        came from us.
      </p>
      {listed.value.length === 0 ? (
        <p className="rounded-2xl border border-slate-200 bg-white p-6 text-sm text-slate-600 shadow-sm">
          No endpoints yet.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white shadow-sm">
          {listed.value.map((w) => (
            <li key={w.id} className="space-y-1 p-4">
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/admin/webhooks/${w.id}`}
                  className="font-medium break-all text-brand-700 underline underline-offset-2 hover:text-brand-600"
                >
                  {w.url}
                </Link>
                <WebhookStatus enabled={w.enabled} reason={w.disabledReason} />
              </div>
              <p className="text-sm text-slate-600">
                {w.events.length === 0 ? "All events" : w.events.join(", ")}
                {w.description && <> · {w.description}</>} · <Time at={w.createdAt} prefix="added " />
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
