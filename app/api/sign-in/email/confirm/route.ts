import { confirmEmailSignInCode } from "@/lib/auth/email-sign-in";
import { issuedSession, mfaRequired } from "@/lib/auth/issued";
import { clientInfo } from "@/lib/http/client-info";
import { respond, route, withJsonBody } from "@/lib/http/route";

/** The emailed code: 201 and a token as POST /api/sessions; 202 and a challenge with two-factor on; 400 invalid_code. */
export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await confirmEmailSignInCode(body, "api", clientInfo(request.headers)), (outcome) =>
      "mfa" in outcome ? mfaRequired(outcome.mfa) : issuedSession(outcome),
    ),
  ),
);
