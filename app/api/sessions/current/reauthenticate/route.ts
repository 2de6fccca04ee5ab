import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { respond, withJsonBody } from "@/lib/http/route";
import { reauthenticate } from "@/lib/reauth/reauthenticate";

/** The password (or an authenticator-app code, a recovery code or a passkey's answer) again: the session counts as freshly signed in for REAUTH_MINUTES. */
export const POST = authenticatedRoute((request, caller) =>
  withJsonBody(request, async (body) =>
    respond(await reauthenticate(caller, body, clientInfo(request.headers)), () => new Response(null, { status: 204 })),
  ),
);
