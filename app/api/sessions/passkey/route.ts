import { clientInfo } from "@/lib/http/client-info";
import { respond, route, withJsonBody } from "@/lib/http/route";
import { signInWithPasskey } from "@/lib/auth/passkey-sign-in";
import { issuedSession } from "@/lib/auth/issued";

/** POST /api/sessions/passkey {response} — an API sign-in with a passkey: 201 and a token, as with a password. */
export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await signInWithPasskey(body, "api", clientInfo(request.headers)), issuedSession),
  ),
);
