import { clientInfo } from "@/lib/http/client-info";
import { respond, route, withJsonBody } from "@/lib/http/route";
import { signInWithPasskey } from "@/lib/auth/passkey-sign-in";
import { issuedSession } from "@/lib/auth/issued";

/**
 * POST /api/sessions/passkey {response, binding} — an API sign-in with a passkey: 201 and a token, as with a
 * password. `binding` is the one the options answered with: without it the answer spends nothing.
 */
export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await signInWithPasskey(body, "api", clientInfo(request.headers)), issuedSession),
  ),
);
