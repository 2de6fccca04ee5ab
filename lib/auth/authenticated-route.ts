import "server-only";
import { requireScope, refuseApiKeyCaller } from "../api-keys/refuse";
import type { ApiKeyScope } from "../api-keys/scopes";
import { apiCaller, bearerToken } from "./bearer";
import { getCaller } from "./caller";
import type { Caller } from "../sessions/resolve";
import { sameOriginRequest } from "../http/cross-site";
import { errorResponse } from "../http/problem";
import { route, unauthorized } from "../http/route";

type Handler<C> = (request: Request, caller: Caller, context: C) => Promise<Response>;

/**
 * Who may call a route besides a session: `scope` names the API key scope it takes. Without one, an API key
 * is refused (403 `insufficient_scope`) — a key reaches only the routes that opt in, so keys, sessions, the
 * password, email, factors, identities, the export, deletion and every admin route stay out of its reach.
 */
export type RouteOptions = { scope?: ApiKeyScope };

/** The one place an API key's scopes are checked: 403 `insufficient_scope` naming the scope it needed. */
function withCaller(caller: Caller | null, options: RouteOptions, run: (caller: Caller) => Promise<Response>) {
  if (!caller) return unauthorized();
  const allowed = options.scope ? requireScope(caller, options.scope) : refuseApiKeyCaller(caller);
  return allowed.ok ? run(caller) : errorResponse(allowed.error);
}

/** A route handler that runs only for a bearer-token caller; anyone else gets 401. */
export function authenticatedRoute<C>(handler: Handler<C>, options: RouteOptions = {}) {
  return route<C>(async (request, context) =>
    withCaller(await apiCaller(request), options, (caller) => handler(request, caller, context)),
  );
}

/**
 * A route handler the pages call themselves as well as programs (the passkey ceremonies): a bearer
 * token, or else the browser's session cookie — not on a request another site made
 * (lib/http/cross-site.ts#sameOriginRequest, Next.js's rule for server actions).
 * A bearer header that does not resolve is a 401; the cookie is not tried then.
 */
export function signedInRoute<C>(handler: Handler<C>, options: RouteOptions = {}) {
  return route<C>(async (request, context) => {
    const caller = bearerToken(request.headers)
      ? await apiCaller(request)
      : sameOriginRequest(request.method, request.headers)
        ? await getCaller()
        : null;
    return withCaller(caller, options, (c) => handler(request, c, context));
  });
}
