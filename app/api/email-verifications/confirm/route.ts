import { respond, route, withJsonBody } from "@/lib/http/route";
import { confirmEmail } from "@/lib/verification/confirm";

export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await confirmEmail(body.token), () => new Response(null, { status: 204 })),
  ),
);
