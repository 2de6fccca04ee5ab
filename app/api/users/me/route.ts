import { refuseApiKeyCaller } from "@/lib/api-keys/refuse";
import { clientInfo } from "@/lib/http/client-info";
import { errorResponse } from "@/lib/http/problem";
import { ok } from "@/lib/result";
import { authenticatedRoute } from "@/lib/auth/authenticated-route";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { deleteAccount } from "@/lib/account/delete-account";
import { editAccount } from "@/lib/account/edit-account";

/**
 * Always dynamic (it reads the caller's token), said outright as /api/health does: with the default, Next.js hands
 * the handler its request behind a Proxy that tracks every read of its headers, on every request.
 */
export const dynamic = "force-dynamic";

/** GET /api/users/me — the caller's account (an API key needs `profile:read`). */
export const GET = authenticatedRoute(async (_request, caller) => json(caller.user), { scope: "profile:read" });

/** PATCH /api/users/me — edit the profile (a key needs `profile:write`) or start an email change (never a key). */
export const PATCH = authenticatedRoute(
  (request, caller) =>
    withJsonBody(request, async (body) => {
      const refused = "email" in body ? refuseApiKeyCaller(caller) : ok(undefined);
      if (!refused.ok) return errorResponse(refused.error);
      return respond(await editAccount(caller.user.id, body, clientInfo(request.headers), caller.session), (user) =>
        json(user),
      );
    }),
  { scope: "profile:write" },
);

export const DELETE = authenticatedRoute((request, caller) =>
  withJsonBody(request, async (body) =>
    respond(
      await deleteAccount(caller.user.id, body, clientInfo(request.headers), caller.session),
      () => new Response(null, { status: 204 }),
    ),
  ),
);
