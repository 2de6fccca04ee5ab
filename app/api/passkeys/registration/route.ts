import { signedInRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { finishRegistration } from "@/lib/passkeys/register";
import { withOtherSessions } from "@/lib/sessions/others";

/**
 * POST /api/passkeys/registration {response, name?} — the browser's answer to the creation options. The
 * answer is the passkey and `otherSessions`: how many other sessions are still signed in, so the page
 * (or program) can offer to end them now that the account has a new factor.
 */
export const POST = signedInRoute(async (request, caller) =>
  withJsonBody(request, async (body) =>
    respond(
      await withOtherSessions(caller, await finishRegistration(caller, body, clientInfo(request.headers))),
      (added) => json(added, 201),
    ),
  ),
);
