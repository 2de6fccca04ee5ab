import { adminRoute } from "@/lib/admin/route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond } from "@/lib/http/route";
import { sendTestEvent } from "@/lib/webhooks/endpoints/deliveries";

/** Queues a `webhook.test` event to this endpoint only: 202 with its `webhook-id`. */
export const POST = adminRoute<{ params: Promise<{ id: string }> }>(async (request, admin, context) =>
  respond(await sendTestEvent(admin, (await context.params).id, clientInfo(request.headers)), (queued) =>
    json(queued, 202),
  ),
);
