import "server-only";
import { authenticatedRoute } from "../auth/authenticated-route";
import { pathParams } from "../http/params";
import { errorResponse } from "../http/problem";
import type { Caller } from "../sessions/resolve";
import { requireAdmin } from "./access";
import { NO_SUCH_ACCOUNT } from "./target-id";
import { adminUserParamsSchema } from "./schemas";

type IdContext = { params: Promise<{ id: string }> };

/**
 * An /api/admin/* handler: no token is 401 (authenticatedRoute), a caller whose session row is not an
 * administrator's is 403 — checked on every request, so a demoted admin is refused at once.
 */
export function adminRoute<C>(handler: (request: Request, admin: Caller, context: C) => Promise<Response>) {
  return authenticatedRoute<C>(async (request, caller, context) => {
    const admin = requireAdmin(caller);
    return admin.ok ? handler(request, admin.value, context) : errorResponse(admin.error);
  });
}

/** An /api/admin/users/{id}… handler: the id parsed first (anything not a UUID is 404, no query). */
export function adminUserRoute(handler: (request: Request, admin: Caller, id: string) => Promise<Response>) {
  return adminRoute<IdContext>(async (request, admin, context) => {
    const params = await pathParams(context, adminUserParamsSchema, NO_SUCH_ACCOUNT);
    return params.ok ? handler(request, admin, params.value.id) : errorResponse(params.error);
  });
}
