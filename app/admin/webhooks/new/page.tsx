import type { Metadata } from "next";
import Link from "next/link";
import { Panel } from "@/components/panel";
import { adminPageCaller } from "../../admin-caller";
import { NewEndpointForm } from "./new-endpoint-form";

export const metadata: Metadata = { title: "Admin · New webhook endpoint" };

export default async function NewWebhookPage() {
  await adminPageCaller();
  return (
    <div className="space-y-6">
      <header className="mx-auto w-full max-w-2xl space-y-1">
        <p className="text-sm">
          <Link href="/admin/webhooks" className="font-medium text-brand-700 underline underline-offset-2">
            Webhooks
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">New endpoint</h1>
      </header>
      <Panel
        title="Endpoint"
        description="Events are POSTed to it as JSON, signed the Standard Webhooks way (see docs/webhooks.md)."
      >
        <NewEndpointForm />
      </Panel>
    </div>
  );
}
