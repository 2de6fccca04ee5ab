import { signedInRoute } from "@/lib/auth/authenticated-route";
import { clientInfo } from "@/lib/http/client-info";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";
import { json, respond, withJsonBody } from "@/lib/http/route";
import { PASSKEY_NOT_FOUND, removePasskey, renamePasskey } from "@/lib/passkeys/manage";
import { passkeyParamsSchema } from "@/lib/passkeys/schemas";

type Context = { params: Promise<{ id: string }> };

/** PATCH /api/passkeys/{id} {name} — the owner's only (lib/passkeys/manage.ts checks). */
export const PATCH = signedInRoute<Context>(async (request, caller, context) => {
  const params = await pathParams(context, passkeyParamsSchema, PASSKEY_NOT_FOUND);
  if (!params.ok) return errorResponse(params.error);
  return withJsonBody(request, async (body) =>
    respond(await renamePasskey(caller.user.id, params.value.id, body), (passkey) => json(passkey)),
  );
});

/** DELETE /api/passkeys/{id} — the owner's only, after a fresh re-authentication. */
export const DELETE = signedInRoute<Context>(async (request, caller, context) => {
  const params = await pathParams(context, passkeyParamsSchema, PASSKEY_NOT_FOUND);
  if (!params.ok) return errorResponse(params.error);
  return respond(
    await removePasskey(caller, params.value.id, clientInfo(request.headers)),
    () => new Response(null, { status: 204 }),
  );
});
