import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { withOtherSessions } from "@/lib/sessions/others";
import { confirmTotp } from "@/lib/two-factor/totp";

/**
 * A code from the pending secret turns two-factor on; the answer holds the recovery codes, once, and
 * `otherSessions`: how many other sessions are still signed in (`DELETE /api/sessions` ends them).
 */
export const POST = authenticatedRoute((request, caller) =>
  withJsonBody(request, async (body) =>
    respond(await withOtherSessions(caller, await confirmTotp(caller, body, clientInfo(request.headers))), (on) =>
      json(on),
    ),
  ),
);
