import { signedInRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { changeMemberRole, removeMember } from "@/lib/organizations/members";
import { MEMBER_NOT_FOUND, memberParamsSchema } from "@/lib/organizations/schemas";

type Context = { params: Promise<{ slug: string; userId: string }> };
const paramsOf = (context: Context) => pathParams(context, memberParamsSchema, MEMBER_NOT_FOUND);

/** PATCH /api/organizations/{slug}/members/{userId} {role} — by the rules; 409 `last_owner`. */
export const PATCH = signedInRoute<Context>(
  async (request, caller, context) => {
    const params = await paramsOf(context);
    if (!params.ok) return errorResponse(params.error);
    const { slug, userId } = params.value;
    return withJsonBody(request, async (body) =>
      respond(await changeMemberRole(caller, slug, userId, body, clientInfo(request.headers)), (member) =>
        json({ member }),
      ),
    );
  },
  { scope: "organizations:write" },
);

/** DELETE /api/organizations/{slug}/members/{userId} — removes a member; the caller's own id is leaving. */
export const DELETE = signedInRoute<Context>(
  async (request, caller, context) => {
    const params = await paramsOf(context);
    if (!params.ok) return errorResponse(params.error);
    const { slug, userId } = params.value;
    return respond(
      await removeMember(caller, slug, userId, clientInfo(request.headers)),
      () => new Response(null, { status: 204 }),
    );
  },
  { scope: "organizations:write" },
);
