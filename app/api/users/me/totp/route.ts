import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond } from "@/lib/http/route";
import { disableTotp, startTotp } from "@/lib/two-factor/totp";

/** A new pending secret (two-factor is on only after POST …/totp/confirm). Needs a recent re-authentication. */
export const POST = authenticatedRoute(async (_request, caller) => respond(await startTotp(caller), (e) => json(e)));

/** Turns two-factor off; the recovery codes die with it. Needs a recent re-authentication. */
export const DELETE = authenticatedRoute(async (request, caller) =>
  respond(await disableTotp(caller, clientInfo(request.headers)), () => new Response(null, { status: 204 })),
);
