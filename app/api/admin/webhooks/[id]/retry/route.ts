import { adminRoute } from "@/lib/admin/route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond } from "@/lib/http/route";
import { retryNow } from "@/lib/webhooks/endpoints/deliveries";

/** "Retry now": the endpoint's pending and failed messages become due at once: 202 with how many. */
export const POST = adminRoute<{ params: Promise<{ id: string }> }>(async (request, admin, context) =>
  respond(await retryNow(admin, (await context.params).id, clientInfo(request.headers)), (retried) =>
    json(retried, 202),
  ),
);
