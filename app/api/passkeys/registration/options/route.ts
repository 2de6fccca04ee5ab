import { signedInRoute } from "@/lib/auth/authenticated-route";
import { json, respond } from "@/lib/http/route";
import { registrationOptions } from "@/lib/passkeys/register";

/** POST /api/passkeys/registration/options — creation options for a new passkey (fresh re-authentication). */
export const POST = signedInRoute(async (_request, caller) =>
  respond(await registrationOptions(caller), (options) => json(options)),
);
