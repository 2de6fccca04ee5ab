import { clientInfo } from "@/lib/http/client-info";
import { respond, route, withJsonBody } from "@/lib/http/route";
import { confirmPasswordReset } from "@/lib/password-reset/confirm";

export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await confirmPasswordReset(body, clientInfo(request.headers)), () => new Response(null, { status: 204 })),
  ),
);
