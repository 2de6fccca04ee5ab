import { signedInRoute } from "@/lib/auth/authenticated-route";
import { json, respond } from "@/lib/http/route";
import { reauthOptions } from "@/lib/passkeys/reauth";

/** POST /api/sessions/current/reauthenticate/options — request options naming the caller's passkeys. */
export const POST = signedInRoute(async (_request, caller) =>
  respond(await reauthOptions(caller), (options) => json(options)),
);
