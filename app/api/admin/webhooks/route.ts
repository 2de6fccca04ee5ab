import { adminRoute } from "@/lib/admin/route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { createWebhook, listWebhooks } from "@/lib/webhooks/endpoints/manage";

/** The webhook endpoints (administrators; API keys refused): list without secrets, create (secret once). */
export const GET = adminRoute(async (_request, admin) =>
  respond(await listWebhooks(admin), (webhooks) => json({ webhooks })),
);

export const POST = adminRoute((request, admin) =>
  withJsonBody(request, async (body) =>
    respond(await createWebhook(admin, body, clientInfo(request.headers)), (created) => json(created, 201)),
  ),
);
