import { signedInRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { deleteOrganization, renameOrganization } from "@/lib/organizations/manage";
import { getOrganization } from "@/lib/organizations/read";
import { ORGANIZATION_NOT_FOUND, organizationParamsSchema } from "@/lib/organizations/schemas";

type Context = { params: Promise<{ slug: string }> };
const slugOf = (context: Context) => pathParams(context, organizationParamsSchema, ORGANIZATION_NOT_FOUND);

/** GET /api/organizations/{slug} — to its members; 404 to everyone else, like no such organization. */
export const GET = signedInRoute<Context>(
  async (_request, caller, context) => {
    const params = await slugOf(context);
    if (!params.ok) return errorResponse(params.error);
    return respond(await getOrganization(params.value.slug, caller.user.id), (organization) => json({ organization }));
  },
  { scope: "organizations:read" },
);

/** PATCH /api/organizations/{slug} {name} — owners rename it. */
export const PATCH = signedInRoute<Context>(
  async (request, caller, context) => {
    const params = await slugOf(context);
    if (!params.ok) return errorResponse(params.error);
    return withJsonBody(request, async (body) =>
      respond(await renameOrganization(caller, params.value.slug, body), (organization) => json({ organization })),
    );
  },
  { scope: "organizations:write" },
);

/** DELETE /api/organizations/{slug} {confirm: slug} — an owner, freshly re-authenticated (a key never is). */
export const DELETE = signedInRoute<Context>(
  async (request, caller, context) => {
    const params = await slugOf(context);
    if (!params.ok) return errorResponse(params.error);
    return withJsonBody(request, async (body) =>
      respond(
        await deleteOrganization(caller, params.value.slug, body, clientInfo(request.headers)),
        () => new Response(null, { status: 204 }),
      ),
    );
  },
  { scope: "organizations:write" },
);
