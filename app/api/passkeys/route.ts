import { signedInRoute } from "@/lib/auth/authenticated-route";
import { json } from "@/lib/http/route";
import { listPasskeys } from "@/lib/passkeys/manage";

/** GET /api/passkeys — the caller's passkeys (a bearer token, or the page's own same-origin call). */
export const GET = signedInRoute(async (_request, caller) => json({ passkeys: await listPasskeys(caller.user.id) }));
