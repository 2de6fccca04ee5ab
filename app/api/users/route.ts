import { json, respond, route, withJsonBody } from "@/lib/http/route";
import { registerUser } from "@/lib/users/register";

export const POST = route((request) =>
  withJsonBody(request, async (body) =>
    respond(await registerUser(body), (user) =>
      json(user, 201, { Location: `/api/users/${encodeURIComponent(user.username)}` }),
    ),
  ),
);
