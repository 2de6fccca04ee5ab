import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { json, respond } from "@/lib/http/route";
import { regenerateRecoveryCodes } from "@/lib/two-factor/totp";

/** 10 new recovery codes, shown once; the old ones are void. Needs a recent re-authentication. */
export const POST = authenticatedRoute(async (_request, caller) =>
  respond(await regenerateRecoveryCodes(caller), (codes) => json(codes)),
);
