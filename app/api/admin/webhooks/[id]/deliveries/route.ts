import { adminRoute } from "@/lib/admin/route";
import { queryObject } from "@/lib/http/params";
import { json, respond } from "@/lib/http/route";
import { listDeliveries } from "@/lib/webhooks/endpoints/deliveries";

/** The endpoint's latest delivery attempts, newest first (`?limit=`, default 50, at most 100). */
export const GET = adminRoute<{ params: Promise<{ id: string }> }>(async (request, admin, context) =>
  respond(await listDeliveries(admin, (await context.params).id, queryObject(request.url)), (deliveries) =>
    json({ deliveries }),
  ),
);
