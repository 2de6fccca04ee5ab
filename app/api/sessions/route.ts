import { signIn } from "@/lib/auth/sign-in";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, route, withJsonBody } from "@/lib/http/route";

export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await signIn(body, "api", clientInfo(request.headers)), ({ user, session }) =>
      json({ token: session.token, tokenType: "Bearer", expiresAt: session.expiresAt.toISOString(), user }, 201),
    ),
  ),
);
