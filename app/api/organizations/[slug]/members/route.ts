import { signedInRoute } from "@/lib/auth/authenticated-route";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond } from "@/lib/http/route";
import { listMembers } from "@/lib/organizations/read";
import { ORGANIZATION_NOT_FOUND, organizationParamsSchema } from "@/lib/organizations/schemas";

type Context = { params: Promise<{ slug: string }> };

/** GET /api/organizations/{slug}/members — to its members, owners first; 404 to everyone else. */
export const GET = signedInRoute<Context>(
  async (_request, caller, context) => {
    const params = await pathParams(context, organizationParamsSchema, ORGANIZATION_NOT_FOUND);
    if (!params.ok) return errorResponse(params.error);
    return respond(await listMembers(params.value.slug, caller.user.id), (members) => json({ members }));
  },
  { scope: "organizations:read" },
);
