import { clientInfo } from "@/lib/http/client-info";
import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { deleteAccount } from "@/lib/account/delete-account";
import { editAccount } from "@/lib/account/edit-account";

export const GET = authenticatedRoute(async (_request, caller) => json(caller.user));

export const PATCH = authenticatedRoute((request, caller) =>
  withJsonBody(request, async (body) =>
    respond(await editAccount(caller.user.id, body, clientInfo(request.headers), caller.session), (user) => json(user)),
  ),
);

export const DELETE = authenticatedRoute((request, caller) =>
  withJsonBody(request, async (body) =>
    respond(
      await deleteAccount(caller.user.id, body, clientInfo(request.headers), caller.session),
      () => new Response(null, { status: 204 }),
    ),
  ),
);
