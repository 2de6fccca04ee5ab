import { respond, route, withJsonBody } from "@/lib/http/route";
import { declineInvitation } from "@/lib/organizations/invitation-accept";

/** POST /api/invitations/decline {token} — the link's holder turns the invitation down (204); no account needed. */
export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await declineInvitation(body), () => new Response(null, { status: 204 })),
  ),
);
