import { adminRoute } from "@/lib/admin/route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/webhooks/endpoints/manage";

type Context = { params: Promise<{ id: string }> };

export const GET = adminRoute<Context>(async (_request, admin, context) =>
  respond(await getWebhook(admin, (await context.params).id), (webhook) => json({ webhook })),
);

export const PATCH = adminRoute<Context>((request, admin, context) =>
  withJsonBody(request, async (body) => {
    const { id } = await context.params;
    return respond(await updateWebhook(admin, id, body, clientInfo(request.headers)), (webhook) => json({ webhook }));
  }),
);

export const DELETE = adminRoute<Context>(async (request, admin, context) =>
  respond(
    await deleteWebhook(admin, (await context.params).id, clientInfo(request.headers)),
    () => new Response(null, { status: 204 }),
  ),
);
