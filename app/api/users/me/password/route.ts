import { clientInfo } from "@/lib/http/client-info";
import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { respond, withJsonBody } from "@/lib/http/route";
import { changePassword } from "@/lib/account/change-password";

export const PUT = authenticatedRoute((request, caller) =>
  withJsonBody(request, async (body) =>
    respond(
      await changePassword(caller.user.id, caller.session.id, body, clientInfo(request.headers), {}, caller.session),
      () => new Response(null, { status: 204 }),
    ),
  ),
);
