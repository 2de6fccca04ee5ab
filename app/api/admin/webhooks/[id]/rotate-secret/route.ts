import { adminRoute } from "@/lib/admin/route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond } from "@/lib/http/route";
import { rotateWebhookSecret } from "@/lib/webhooks/endpoints/manage";

/** A new signing secret, answered once; the previous one keeps signing beside it for 24 hours. */
export const POST = adminRoute<{ params: Promise<{ id: string }> }>(async (request, admin, context) =>
  respond(await rotateWebhookSecret(admin, (await context.params).id, clientInfo(request.headers)), (rotated) =>
    json(rotated),
  ),
);
