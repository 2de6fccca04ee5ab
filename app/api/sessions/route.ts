import { signInWithPassword } from "@/lib/auth/sign-in";
import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, route, withJsonBody } from "@/lib/http/route";
import { issuedSession, mfaRequired } from "@/lib/auth/issued";
import { listSessions } from "@/lib/sessions/list";
import { signOutEverywhereElse } from "@/lib/access/sign-out-elsewhere";

/** 201 and a token; 202 and a challenge when the account has two-factor on (POST /api/sessions/mfa next). */
export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await signInWithPassword(body, "api", clientInfo(request.headers)), (outcome) =>
      "mfa" in outcome ? mfaRequired(outcome.mfa) : issuedSession(outcome),
    ),
  ),
);

export const GET = authenticatedRoute(async (_request, caller) =>
  json({ sessions: await listSessions(caller.user.id, caller.session.id) }),
);

/** Signs out everywhere else: every session of the caller but the current one, and every API key. */
export const DELETE = authenticatedRoute(async (request, caller) => {
  await signOutEverywhereElse(caller, clientInfo(request.headers));
  return new Response(null, { status: 204 });
});
