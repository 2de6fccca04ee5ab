import { apiCaller } from "@/lib/auth/bearer";
import { clientInfo } from "@/lib/http/client-info";
import { respond, route, withJsonBody } from "@/lib/http/route";
import { confirmEmail } from "@/lib/verification/confirm";

export const POST = route((request) =>
  withJsonBody(request, async (body) => {
    // A bearer token is optional here; when it is the account's own, that session survives an email change.
    const caller = await apiCaller(request);
    return respond(
      await confirmEmail(
        body.token,
        clientInfo(request.headers),
        caller && { userId: caller.user.id, sessionId: caller.session.id },
      ),
      () => new Response(null, { status: 204 }),
    );
  }),
);
