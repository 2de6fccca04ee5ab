import { signedInRoute } from "@/lib/auth/authenticated-route";
import { json } from "@/lib/http/route";
import { listIdentities } from "@/lib/identities/manage";

/** GET /api/users/me/identities — the caller's connected identities (lib/identities/manage.ts). */
export const GET = signedInRoute(async (_request, caller) =>
  json({ identities: await listIdentities(caller.user.id) }),
);
