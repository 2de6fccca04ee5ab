import { listAccess } from "@/lib/access/list";
import { signedInRoute } from "@/lib/auth/authenticated-route";
import { json } from "@/lib/http/route";

/** GET /api/users/me/access — everything that can act as the account, newest use first. */
export const GET = signedInRoute(async (_request, caller) =>
  json({ access: await listAccess(caller.user.id, caller.session.id) }),
);
