import { authenticatedRoute } from "@/lib/http/authenticated";
import { errorResponse } from "@/lib/http/problem";
import { fail } from "@/lib/result";
import { clientInfo } from "@/lib/http/client-info";
import { revokeOwnSession } from "@/lib/sessions/revoke-own";

type Context = { params: Promise<{ id: string }> };

export const DELETE = authenticatedRoute<Context>(async (request, caller, { params }) => {
  const { id } = await params;
  if (await revokeOwnSession(caller, id, clientInfo(request.headers))) return new Response(null, { status: 204 });
  return errorResponse(fail("not_found", "You have no session with this id.").error);
});
