import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { invitationPathSchema } from "@/lib/organizations/invitation-schemas";
import { inviteMember, listInvitations, NO_ORGANIZATION } from "@/lib/organizations/invitations";

type Context = { params: Promise<{ slug: string }> };

/** GET /api/organizations/{slug}/invitations — the pending invitations, to admins and owners (404 to non-members). */
export const GET = authenticatedRoute<Context>(
  async (_request, caller, context) => {
    const params = await pathParams(context, invitationPathSchema, NO_ORGANIZATION);
    if (!params.ok) return errorResponse(params.error);
    return respond(await listInvitations(caller, params.value.slug), (invitations) => json({ invitations }));
  },
  { scope: "organizations:read" },
);

/** POST /api/organizations/{slug}/invitations {email, role} — mails a 7-day invitation link (admins and owners). */
export const POST = authenticatedRoute<Context>(
  async (request, caller, context) => {
    const params = await pathParams(context, invitationPathSchema, NO_ORGANIZATION);
    if (!params.ok) return errorResponse(params.error);
    return withJsonBody(request, async (body) =>
      respond(await inviteMember(caller, params.value.slug, body, clientInfo(request.headers)), (invitation) =>
        json({ invitation }, 201),
      ),
    );
  },
  { scope: "organizations:write" },
);
