import { signIn } from "@/lib/auth/sign-in";
import { authenticatedRoute } from "@/lib/http/authenticated";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, route, withJsonBody } from "@/lib/http/route";
import { listSessions } from "@/lib/sessions/list";
import { revokeOtherSessions } from "@/lib/sessions/revoke";

export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await signIn(body, "api", clientInfo(request.headers)), ({ user, session }) =>
      json({ token: session.token, tokenType: "Bearer", expiresAt: session.expiresAt.toISOString(), user }, 201),
    ),
  ),
);

export const GET = authenticatedRoute(async (_request, caller) =>
  json({ sessions: await listSessions(caller.user.id, caller.session.id) }),
);

/** Signs out everywhere else: every session of the caller but the current one. */
export const DELETE = authenticatedRoute(async (_request, caller) => {
  await revokeOtherSessions(caller.user.id, caller.session.id);
  return new Response(null, { status: 204 });
});
