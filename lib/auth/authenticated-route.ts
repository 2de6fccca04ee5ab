import "server-only";
import { apiCaller, bearerToken } from "./bearer";
import { getCaller } from "./caller";
import type { Caller } from "../sessions/resolve";
import { sameOriginRequest } from "../http/cross-site";
import { route, unauthorized } from "../http/route";

type Handler<C> = (request: Request, caller: Caller, context: C) => Promise<Response>;

/** A route handler that runs only for a bearer-token caller; anyone else gets 401. */
export function authenticatedRoute<C>(handler: Handler<C>) {
  return route<C>(async (request, context) => {
    const caller = await apiCaller(request);
    return caller ? handler(request, caller, context) : unauthorized();
  });
}

/**
 * A route handler the pages call themselves as well as programs (the passkey ceremonies): a bearer
 * token, or else the browser's session cookie — not on a request another site made
 * (lib/http/cross-site.ts#sameOriginRequest, Next.js's rule for server actions).
 * A bearer header that does not resolve is a 401; the cookie is not tried then.
 */
export function signedInRoute<C>(handler: Handler<C>) {
  return route<C>(async (request, context) => {
    const caller = bearerToken(request.headers)
      ? await apiCaller(request)
      : sameOriginRequest(request.method, request.headers)
        ? await getCaller()
        : null;
    return caller ? handler(request, caller, context) : unauthorized();
  });
}
