import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/nextauth";
import { authRouteParamsSchema } from "@/lib/auth/schemas";
import { pathParams } from "@/lib/http/params";
import { errorResponse } from "@/lib/http/problem";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * Auth.js's endpoints, behind the same parameter check as every other route: a path that names no
 * Auth.js action (`/api/auth/%00`, `/api/auth/a/b/c`) is a 404 problem without reaching Auth.js, which
 * would log each one as an error.
 */
function checked(handler: (request: NextRequest) => Promise<Response>) {
  // Not route(): Auth.js answers with Response.redirect, whose headers cannot take an X-Request-Id.
  return async (request: NextRequest, context: Context) => {
    const params = await pathParams(context, authRouteParamsSchema, "There is no such sign-in endpoint.");
    return params.ok ? handler(request) : errorResponse(params.error);
  };
}

export const GET = checked(handlers.GET);
export const POST = checked(handlers.POST);
