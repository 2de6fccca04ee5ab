import { clientInfo } from "@/lib/http/client-info";
import { respond, route, withJsonBody } from "@/lib/http/route";
import { confirmEmail } from "@/lib/verification/confirm";

export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await confirmEmail(body.token, clientInfo(request.headers)), () => new Response(null, { status: 204 })),
  ),
);
