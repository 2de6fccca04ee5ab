import { signIn } from "@/lib/auth/sign-in";
import { authenticatedRoute } from "@/lib/http/authenticated";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, route, withJsonBody } from "@/lib/http/route";
import type { IssuedSessionDto } from "@/lib/sessions/dto-schemas";
import { listSessions } from "@/lib/sessions/list";
import { revokeOwnOtherSessions } from "@/lib/sessions/revoke-own";

export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await signIn(body, "api", clientInfo(request.headers)), ({ user, session }) =>
      json(
        {
          token: session.token,
          tokenType: "Bearer",
          expiresAt: session.expiresAt.toISOString(),
          user,
        } satisfies IssuedSessionDto,
        201,
      ),
    ),
  ),
);

export const GET = authenticatedRoute(async (_request, caller) =>
  json({ sessions: await listSessions(caller.user.id, caller.session.id) }),
);

/** Signs out everywhere else: every session of the caller but the current one. */
export const DELETE = authenticatedRoute(async (request, caller) => {
  await revokeOwnOtherSessions(caller, clientInfo(request.headers));
  return new Response(null, { status: 204 });
});
