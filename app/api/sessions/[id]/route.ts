import { authenticatedRoute } from "@/lib/http/authenticated";
import { errorResponse } from "@/lib/http/problem";
import { fail } from "@/lib/result";
import { revokeSession } from "@/lib/sessions/revoke";

type Context = { params: Promise<{ id: string }> };

export const DELETE = authenticatedRoute<Context>(async (_request, caller, { params }) => {
  const { id } = await params;
  if (await revokeSession(caller.user.id, id)) return new Response(null, { status: 204 });
  return errorResponse(fail("not_found", "You have no session with this id.").error);
});
