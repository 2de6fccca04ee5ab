import { clientInfo } from "@/lib/http/client-info";
import { json, respond, route, withJsonBody } from "@/lib/http/route";
import { requestPasswordReset } from "@/lib/password-reset/request";

/** Always 202, whether or not the address belongs to an account. */
export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await requestPasswordReset(body, clientInfo(request.headers)), ({ message }) =>
      json({ status: "accepted", detail: message }, 202),
    ),
  ),
);
