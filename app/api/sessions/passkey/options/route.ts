import { clientInfo } from "@/lib/http/client-info";
import { json, respond, route } from "@/lib/http/route";
import { signInOptions } from "@/lib/auth/passkey-sign-in";

/** POST /api/sessions/passkey/options — request options for a passkey sign-in (no account named). */
export const POST = route(async (request) =>
  respond(await signInOptions(clientInfo(request.headers)), (options) => json(options)),
);
