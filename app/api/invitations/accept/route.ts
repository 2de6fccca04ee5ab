import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/organizations/invitation-accept";

/**
 * POST /api/invitations/accept {token} — joins the organization as the invitation's role, for an account whose
 * confirmed address is the invited one (403 `email_unverified` / `invitation_email_mismatch`); 400 once spent.
 * API keys are refused: joining an organization is the person's own decision.
 */
export const POST = authenticatedRoute((request, caller) =>
  withJsonBody(request, async (body) =>
    respond(await acceptInvitation(caller, body, clientInfo(request.headers)), (organization) =>
      json({ organization }),
    ),
  ),
);
