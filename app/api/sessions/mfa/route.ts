import { clientInfo } from "@/lib/http/client-info";
import { respond, route, withJsonBody } from "@/lib/http/route";
import { issuedSession } from "@/lib/auth/issued";
import { completeMfaSignIn } from "@/lib/auth/second-step";

/** The second step of an API sign-in: the challenge and a code (or a recovery code) → 201 and a token. */
export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await completeMfaSignIn(body, "api", clientInfo(request.headers)), issuedSession),
  ),
);
