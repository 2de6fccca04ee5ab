import { signedInRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { finishRegistration } from "@/lib/passkeys/register";

/** POST /api/passkeys/registration {response, name?} — the browser's answer to the creation options. */
export const POST = signedInRoute(async (request, caller) =>
  withJsonBody(request, async (body) =>
    respond(await finishRegistration(caller, body, clientInfo(request.headers)), (passkey) => json(passkey, 201)),
  ),
);
