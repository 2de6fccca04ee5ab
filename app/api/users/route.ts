import { json, respond, route, withJsonBody } from "@/lib/http/route";
import { clientInfo } from "@/lib/http/client-info";
import { signUp } from "@/lib/account/sign-up";

export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await signUp(body, clientInfo(request.headers)), (user) =>
      json(user, 201, { Location: `/api/users/${encodeURIComponent(user.username)}` }),
    ),
  ),
);
