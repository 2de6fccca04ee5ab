import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { respond } from "@/lib/http/route";
import { invitationPathSchema } from "@/lib/organizations/invitation-schemas";
import { NO_INVITATION, revokeInvitation } from "@/lib/organizations/invitations";

type Context = { params: Promise<{ slug: string; id: string }> };

/** DELETE /api/organizations/{slug}/invitations/{id} — revokes a pending invitation (admins and owners). */
export const DELETE = authenticatedRoute<Context>(
  async (_request, caller, context) => {
    const params = await pathParams(context, invitationPathSchema, NO_INVITATION);
    if (!params.ok) return errorResponse(params.error);
    return respond(
      await revokeInvitation(caller, params.value.slug, params.value.id ?? ""),
      () => new Response(null, { status: 204 }),
    );
  },
  { scope: "organizations:write" },
);
