import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond } from "@/lib/http/route";
import { regenerateRecoveryCodes } from "@/lib/two-factor/totp";

/** 10 new recovery codes, shown once; the old ones are void. Needs a recent re-authentication. */
export const POST = authenticatedRoute(async (request, caller) =>
  respond(await regenerateRecoveryCodes(caller, clientInfo(request.headers)), (codes) => json(codes)),
);
