import "server-only";
import { apiCaller } from "../auth/bearer";
import type { Caller } from "../sessions/resolve";
import { route, unauthorized } from "./route";

/** A route handler that runs only for a bearer-token caller; anyone else gets 401. */
export function authenticatedRoute<C>(handler: (request: Request, caller: Caller, context: C) => Promise<Response>) {
  return route<C>(async (request, context) => {
    const caller = await apiCaller(request);
    return caller ? handler(request, caller, context) : unauthorized();
  });
}
