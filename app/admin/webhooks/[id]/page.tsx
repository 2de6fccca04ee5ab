import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Panel } from "@/components/panel";
import { Time } from "@/components/time";
import { listDeliveries } from "@/lib/webhooks/endpoints/deliveries";
import { getWebhook } from "@/lib/webhooks/endpoints/manage";
import { adminPageCaller } from "../../admin-caller";
import { WebhookStatus } from "../webhook-status";
import { DangerActions, DeliveryActions, RotateSecret } from "./endpoint-actions";

export const metadata: Metadata = { title: "Admin · Webhook endpoint" };

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="space-y-0.5">
      <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{term}</dt>
      <dd className="text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const td = "px-3 py-2 align-top text-sm text-slate-900";

/** One endpoint: its settings, its recent deliveries, and what an administrator may do with it. */
export default async function AdminWebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await adminPageCaller();
  const { id } = await params;
  const found = await getWebhook(caller, id);
  if (!found.ok) notFound();
  const webhook = found.value;
  const deliveries = await listDeliveries(caller, webhook.id, {});
  const rows = deliveries.ok ? deliveries.value : [];
  return (
    <div className="space-y-6">
      <header className="mx-auto w-full max-w-2xl space-y-2">
        <p className="text-sm">
          <Link href="/admin/webhooks" className="font-medium text-brand-700 underline underline-offset-2">
            Webhooks
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight break-all text-slate-900">{webhook.url}</h1>
        <WebhookStatus enabled={webhook.enabled} reason={webhook.disabledReason} />
      </header>
      <Panel title="Endpoint">
        <dl className="grid gap-4 sm:grid-cols-2">
          <Fact term="Events">{webhook.events.length === 0 ? "All events" : webhook.events.join(", ")}</Fact>
          <Fact term="Added">
            <Time at={webhook.createdAt} />
          </Fact>
          {webhook.description && <Fact term="Description">{webhook.description}</Fact>}
          {webhook.disabledReason && <Fact term="Disabled because">{webhook.disabledReason}</Fact>}
          {webhook.failingSince && (
            <Fact term="Failing since">
              <Time at={webhook.failingSince} />
            </Fact>
          )}
          {webhook.previousSecretExpiresAt && (
            <Fact term="Previous secret">
              Still signs until <Time at={webhook.previousSecretExpiresAt} />
            </Fact>
          )}
        </dl>
      </Panel>
      <Panel title="Deliveries" description="The latest 50 attempts, newest first.">
        <DeliveryActions webhook={webhook} />
        {rows.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">Nothing delivered yet.</p>
        ) : (
          <div
            className="mt-4 overflow-x-auto rounded-lg border border-slate-200"
            tabIndex={0}
            role="region"
            aria-label="Deliveries"
          >
            <table className="min-w-full divide-y divide-slate-200">
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={th}>
                    Event
                  </th>
                  <th scope="col" className={th}>
                    Attempt
                  </th>
                  <th scope="col" className={th}>
                    Status
                  </th>
                  <th scope="col" className={th}>
                    Duration
                  </th>
                  <th scope="col" className={th}>
                    When
                  </th>
                  <th scope="col" className={th}>
                    Next retry
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((d) => (
                  <tr key={d.id}>
                    <td className={td}>
                      <code>{d.type}</code>
                      <span className="block font-mono text-xs break-all text-slate-600">{d.eventId}</span>
                    </td>
                    <td className={td}>{d.attempt}</td>
                    <td className={td}>
                      <span className={d.status !== null && d.status < 300 ? "text-emerald-800" : "text-red-700"}>
                        {d.status ?? "No answer"}
                      </span>
                      {d.error && <span className="block text-xs text-slate-600">{d.error}</span>}
                    </td>
                    <td className={td}>{d.durationMs} ms</td>
                    <td className={td}>
                      <Time at={d.at} />
                    </td>
                    <td className={td}>{d.nextAttemptAt ? <Time at={d.nextAttemptAt} /> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      <Panel
        title="Signing secret"
        description="Rotating gives a new secret, shown once; the previous one keeps signing beside it for 24 hours."
      >
        <RotateSecret id={webhook.id} />
      </Panel>
      <Panel title="Danger zone" tone="danger">
        <DangerActions webhook={webhook} />
      </Panel>
    </div>
  );
}
