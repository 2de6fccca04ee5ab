import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { confirmTotp } from "@/lib/two-factor/totp";

/** A code from the pending secret turns two-factor on; the answer holds the recovery codes, once. */
export const POST = authenticatedRoute((request, caller) =>
  withJsonBody(request, async (body) =>
    respond(await confirmTotp(caller, body, clientInfo(request.headers)), (codes) => json(codes)),
  ),
);
