import { createApiKey } from "@/lib/api-keys/create";
import { listApiKeys } from "@/lib/api-keys/list";
import { signedInRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { json, respond, withJsonBody } from "@/lib/http/route";

/** GET /api/users/me/api-keys — the caller's keys, newest first (a session only: a key never manages keys). */
export const GET = signedInRoute(async (_request, caller) => json({ apiKeys: await listApiKeys(caller.user.id) }));

/** POST /api/users/me/api-keys {name, scopes, expiresInDays?} — inside the re-authentication window; 25 at most. */
export const POST = signedInRoute((request, caller) =>
  withJsonBody(request, async (body) =>
    respond(await createApiKey(caller, body, clientInfo(request.headers)), (created) => json(created, 201)),
  ),
);
